using System.Reflection;
using System.Runtime.InteropServices;

namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>
/// Binds SQLite to the system's <c>libsqlite3.so.0</c>. The image library (libvips) loads its modules
/// into the process's global scope, and with them the system libsqlite3; a second, bundled SQLite
/// (e_sqlite3) in the same process has its own calls bound to the system one's symbols and crashes.
/// One SQLite per process avoids that. The runtime package (libsqlite3-0) ships without the
/// unversioned <c>libsqlite3.so</c> name the provider asks for, hence the resolver.
/// </summary>
internal static class SystemSqlite
{
    private const string VersionedName = "libsqlite3.so.0";
    private static int _installed;

    /// <summary>Installs the resolver once per process, before any SQLite call.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_sqlite3).Assembly, Resolve);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "sqlite3" && OperatingSystem.IsLinux() && NativeLibrary.TryLoad(VersionedName, assembly, searchPath, out var handle)
            ? handle
            : 0;
}
