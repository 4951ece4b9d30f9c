using Agop.Tests.Support;

namespace Agop.Tests.Science.Data;

/// <summary>The fixture files copied beside the test assembly, a scratch folder, and the shared real data.</summary>
static class Fixtures
{
    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Science", "Data", "Fixtures", name);
    public static string File(string folder, string name) => Path.Combine(Folder(folder), name);

    /// <summary>The offline copies of the real data sets (../shared/data beside the repository), or null where absent.</summary>
    /// <summary>The offline copy beside the checkout; a test that needs it fails (never passes silently) without it.</summary>
    public static string SharedData()
    {
        string folder = Path.GetFullPath(Path.Combine(RepoRoot.Find(), "..", "shared", "data"));
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"{folder} is missing: the real-data tests need the offline copy of Adult and Credit there (see README)");
    }
}

sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("agop-data-tests-").FullName;

    public string Copy(string source, string name)
    {
        string target = System.IO.Path.Combine(Path, name);
        File.Copy(source, target);
        return target;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
