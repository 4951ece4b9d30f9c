using Agop.Science.Attribution.Catalog;

namespace Agop.Build.Targets;

/// <summary>The source files whose code a method's units run: its own file, what it declares it uses, and the shared attribution code.</summary>
public static class MethodCode
{
    public static readonly string[] Shared =
    [
        "src/Science/Attribution/ClassGradient.cs", "src/Science/Attribution/Batching.cs",
        "src/Science/Attribution/IAttributionMethod.cs", "src/Science/Attribution/Catalog/",
    ];

    public static IEnumerable<string> Of(MethodDescriptor method) => [.. Shared, RepositoryPath(method.SourceFile), .. method.UsesCode];

    /// <summary>A compiled-in absolute path as a repository-relative one (the form the code hashes use).</summary>
    public static string RepositoryPath(string path)
    {
        string root = Path.GetFullPath(SourceHashes.RepoRoot);
        string full = Path.GetFullPath(path);
        return full.StartsWith(root, StringComparison.Ordinal) ? full[root.Length..].Replace('\\', '/') : full;
    }
}
