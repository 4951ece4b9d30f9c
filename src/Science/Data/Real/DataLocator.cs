namespace Agop.Science.Data.Real;

/// <summary>
/// Finds the folder that holds a data set's files: the configured folder (data.dir), else
/// $AGOP_DATA_DIR, else the cache folder, which is filled from UCI when downloads are allowed.
/// </summary>
public static class DataLocator
{
    const string EnvironmentVariable = "AGOP_DATA_DIR";
    const string AdultUrl = "https://archive.ics.uci.edu/ml/machine-learning-databases/adult/";
    const string CreditUrl = "https://archive.ics.uci.edu/ml/machine-learning-databases/00350/default%20of%20credit%20card%20clients.xls";

    /// <param name="localCopies">Folders searched after the cache and before any download (e.g. a shared offline copy).</param>
    public static string Resolve(string dataset, string? configuredFolder, string cacheFolder, bool allowDownload,
        IReadOnlyList<string>? localCopies = null)
    {
        if (dataset is not ("adult" or "credit"))
            throw new ArgumentException($"unknown data set '{dataset}' (expected adult or credit)", nameof(dataset));

        if (!string.IsNullOrWhiteSpace(configuredFolder)) return RequirePresent(dataset, Path.GetFullPath(configuredFolder), "data.dir");
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return RequirePresent(dataset, Path.GetFullPath(fromEnvironment), EnvironmentVariable);

        string cache = Path.GetFullPath(cacheFolder);
        if (MissingFile(dataset, cache) is null) return cache;
        foreach (var copy in localCopies ?? [])
            if (Directory.Exists(copy) && MissingFile(dataset, Path.GetFullPath(copy)) is null) return Path.GetFullPath(copy);
        if (!allowDownload) return RequirePresent(dataset, cache, "the cache folder");
        Directory.CreateDirectory(cache);
        if (dataset == "adult") DownloadAdult(cache);
        else DownloadCredit(cache);
        return cache;
    }

    /// <summary>The first file the data set needs that the folder lacks, or null when nothing is missing.</summary>
    static string? MissingFile(string dataset, string folder)
    {
        if (dataset == "credit")
            return CreditDefaultLoader.FileNames.Any(name => File.Exists(Path.Combine(folder, name)))
                ? null : Path.Combine(folder, CreditDefaultLoader.FileNames[0]);
        foreach (string name in (string[])[AdultLoader.TrainFile, AdultLoader.TestFile])
            if (!File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        return null;
    }

    static string RequirePresent(string dataset, string folder, string source)
    {
        string? missing = MissingFile(dataset, folder);
        if (missing is null) return folder;
        string wanted = dataset == "credit" ? $" (or {string.Join(" or ", CreditDefaultLoader.FileNames.Skip(1))})" : "";
        throw new DataFileException(missing,
            $"not found{wanted} in {source}; put the {dataset} files in a folder and set data.dir in the config or {EnvironmentVariable}, or allow the download");
    }

    static void DownloadAdult(string cache)
    {
        foreach (var (name, sha256) in DataChecksums.Adult)
        {
            string target = Path.Combine(cache, name);
            if (File.Exists(target)) continue;
            Download(AdultUrl + name, target, temp => DataChecksums.Verify(temp, sha256));
        }
    }

    static void DownloadCredit(string cache) =>
        Download(CreditUrl, Path.Combine(cache, CreditDefaultLoader.FileNames[^1]), temp =>
        {
            var table = CreditDefaultLoader.LoadFile(temp);
            double rate = table.PositiveRate();
            if (table.Rows != 30_000 || table.Columns != 23 || Math.Abs(rate - 0.2212) > 0.001)
                throw new DataFileException(temp, $"unexpected content: {table.Rows} rows, {table.Columns} features, positive rate {rate:F4} (expected 30000, 23, 0.2212)");
        });

    /// <summary>Writes to a temp file beside the target and moves it into place only once it checks out.</summary>
    static void Download(string url, string target, Action<string> check)
    {
        string temp = Path.Combine(Path.GetDirectoryName(target)!,
            $"{Path.GetFileNameWithoutExtension(target)}.{Guid.NewGuid():N}.part{Path.GetExtension(target)}");
        try
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, url))
            using (var response = Http.Send(request, HttpCompletionOption.ResponseHeadersRead))
            {
                response.EnsureSuccessStatusCode();
                using var body = response.Content.ReadAsStream();
                using var file = File.Create(temp);
                body.CopyTo(file);
            }
            try { check(temp); }
            catch (DataFileException e) { throw new DataFileException(target, $"download from {url} rejected: {e.Problem}"); }
            File.Move(temp, target, overwrite: true);
        }
        catch (HttpRequestException e)
        {
            throw new DataFileException(target, $"download from {url} failed: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new DataFileException(target, $"download from {url} timed out");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };
}
