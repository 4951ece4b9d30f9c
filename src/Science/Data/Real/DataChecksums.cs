using System.Security.Cryptography;

namespace Agop.Science.Data.Real;

public static class DataChecksums
{
    /// <summary>UCI's adult.data and adult.test as published.</summary>
    public static readonly IReadOnlyDictionary<string, string> Adult = new Dictionary<string, string>
    {
        [AdultLoader.TrainFile] = "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d",
        [AdultLoader.TestFile] = "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05",
    };

    public static string Sha256(string path)
    {
        if (!System.IO.File.Exists(path)) throw new DataFileException(path, "file not found");
        using var stream = System.IO.File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static void Verify(string path, string expectedSha256)
    {
        string actual = Sha256(path);
        if (!string.Equals(actual, expectedSha256.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new DataFileException(path, $"checksum mismatch: expected {expectedSha256}, got {actual}");
    }
}
