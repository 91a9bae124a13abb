namespace NeuralStyle.Engine.IO;

/// <summary>
/// Where a path leads, for telling whether two paths are one file: an existing file is its device
/// and inode (links followed, so a link, a hard link or "./x" all match the file); a file not yet
/// there is its directory's identity and its name, or failing that its full path.
/// </summary>
internal readonly record struct OutputLocation(FileIdentity? File, FileIdentity? Directory, string Name)
{
    public static OutputLocation Of(string path)
    {
        if (FileMetadata.IdentityOf(path) is { } file)
        {
            return new OutputLocation(file, null, "");
        }
        var full = System.IO.Path.GetFullPath(path);
        var parent = System.IO.Path.GetDirectoryName(full);
        return parent is not null && FileMetadata.IdentityOf(parent) is { } directory
            ? new OutputLocation(null, directory, System.IO.Path.GetFileName(full))
            : new OutputLocation(null, null, full);
    }

    /// <summary>True when the path names an existing file (links followed).</summary>
    public bool Exists => File is not null;

    /// <summary>True when this not-yet-existing path is <paramref name="name"/> in the directory <paramref name="directory"/>.</summary>
    public bool IsIn(FileIdentity directory, Func<string, bool> name) => Directory == directory && name(Name);
}
