namespace NeuralStyle.Engine.Tests.Support;

/// <summary>Paths inside the repository, found from the test binary's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string Reference => Path.Combine(Root, "tests", "reference", "nsf_reference.py");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NeuralStyle.Farm.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no NeuralStyle.Farm.sln above {AppContext.BaseDirectory}");
    }
}
