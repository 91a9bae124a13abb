namespace NeuralStyle.Engine.IO;

/// <summary>What a path names, from its metadata alone (nothing is opened).</summary>
public enum FileKind
{
    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A FIFO, character or block device, or socket.</summary>
    Other,

    /// <summary>Nothing there (or a dangling link, or a parent that is not a directory).</summary>
    Missing,

    /// <summary>Its metadata cannot be read (permission denied on a parent).</summary>
    Unreadable,
}
