using Agop.Science.Data.Real;

namespace Agop.Tests.Science.Data;

/// <summary>Never downloads: covers the configured folder, AGOP_DATA_DIR, the cache, and the error when files are missing.</summary>
[Collection("environment")]
public class DataLocatorTests
{
    const string Variable = "AGOP_DATA_DIR";

    [Fact]
    public void Configured_folder_comes_first()
    {
        using var empty = new TempFolder();
        string adult = Fixtures.Folder("adult");

        string folder = WithEnvironment(empty.Path, () => DataLocator.Resolve("adult", adult, empty.Path, allowDownload: false));

        Assert.Equal(Path.GetFullPath(adult), folder);
    }

    [Fact]
    public void Environment_variable_is_used_when_no_folder_is_configured()
    {
        using var empty = new TempFolder();
        string credit = Fixtures.Folder("credit");

        string folder = WithEnvironment(credit, () => DataLocator.Resolve("credit", "", empty.Path, allowDownload: false));

        Assert.Equal(Path.GetFullPath(credit), folder);
    }

    [Fact]
    public void A_local_copy_is_used_when_the_cache_is_empty_and_ignored_when_it_lacks_the_files()
    {
        using var cache = new TempFolder();
        using var elsewhere = new TempFolder();
        string credit = Fixtures.Folder("credit");

        string folder = WithEnvironment(null, () => DataLocator.Resolve("credit", null, cache.Path, allowDownload: false, [elsewhere.Path, credit]));

        Assert.Equal(Path.GetFullPath(credit), folder);
        Assert.Throws<DataFileException>(() => WithEnvironment(null,
            () => DataLocator.Resolve("adult", null, cache.Path, allowDownload: false, [elsewhere.Path, credit])));
    }

    [Fact]
    public void Cache_folder_holding_the_files_is_used_without_download()
    {
        using var cache = new TempFolder();
        cache.Copy(Fixtures.File("credit", "UCI_Credit_Card.csv"), "UCI_Credit_Card.csv");

        string folder = WithEnvironment(null, () => DataLocator.Resolve("credit", null, cache.Path, allowDownload: false));

        Assert.Equal(cache.Path, folder);
    }

    [Fact]
    public void Missing_file_without_download_names_it_and_the_settings()
    {
        using var cache = new TempFolder();
        cache.Copy(Fixtures.File("adult", AdultLoader.TrainFile), AdultLoader.TrainFile);

        var error = Assert.Throws<DataFileException>(() =>
            WithEnvironment(null, () => DataLocator.Resolve("adult", null, cache.Path, allowDownload: false)));

        Assert.Equal(Path.Combine(cache.Path, AdultLoader.TestFile), error.File);
        Assert.Contains("data.dir", error.Problem);
        Assert.Contains(Variable, error.Problem);
    }

    [Fact]
    public void Configured_folder_missing_files_is_an_error_even_when_download_is_allowed()
    {
        using var empty = new TempFolder();

        var error = Assert.Throws<DataFileException>(() =>
            WithEnvironment(null, () => DataLocator.Resolve("credit", empty.Path, empty.Path, allowDownload: true)));

        Assert.Contains("credit-default.csv", error.Message);
    }

    [Fact]
    public void Unknown_data_set_is_rejected() =>
        Assert.Throws<ArgumentException>(() => DataLocator.Resolve("mnist", null, Path.GetTempPath(), allowDownload: false));

    static T WithEnvironment<T>(string? value, Func<T> action)
    {
        string? saved = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, value);
        try { return action(); }
        finally { Environment.SetEnvironmentVariable(Variable, saved); }
    }
}
