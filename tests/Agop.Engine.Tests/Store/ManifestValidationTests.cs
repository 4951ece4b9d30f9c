using System.Text.Json.Nodes;
using Agop.Pipeline.Engine;
using Agop.Tests.Support;

namespace Agop.Tests.Engine.Store;

/// <summary>A manifest is trusted only when it is whole; anything else reads as "artifact corrupt" and is rebuilt.</summary>
public class ManifestValidationTests
{
    [Theory]
    [InlineData("only the key")]
    [InlineData("files null")]
    [InlineData("files not a list")]
    [InlineData("a null file entry")]
    [InlineData("a file outside the unit folder")]
    [InlineData("a rooted file name")]
    [InlineData("a negative size")]
    [InlineData("a malformed sha256")]
    [InlineData("stage missing")]
    [InlineData("a null parameter")]
    [InlineData("another key")]
    [InlineData("json null")]
    [InlineData("json array")]
    [InlineData("truncated json")]
    public void A_manifest_that_is_not_whole_reads_as_corrupt_and_is_rebuilt(string damage)
    {
        using var test = new TestStore();
        var unit = TestStore.Unit("a");
        Assert.Equal("ran 1, reused 0, failed 0", test.Run(unit).LastLine);
        string folder = test.Open().UnitDirectory(unit);
        string path = Path.Combine(folder, Manifest.FileName);
        File.WriteAllText(path, Damage(File.ReadAllText(path), damage, unit.Key, folder));

        if (damage != "another key") // well-formed on its own; only the store knows which key the folder is for
        {
            Assert.Null(Manifest.TryRead(path, out var problem));
            Assert.NotEmpty(problem);
        }
        var check = test.Open().Verify(unit);
        Assert.Equal(ArtifactState.Corrupt, check.State);
        Assert.StartsWith("artifact corrupt: ", check.Detail);

        Assert.Equal("ran 1, reused 0, failed 0", test.Run(unit).LastLine);
        Assert.Equal(ArtifactState.Valid, test.Open().Verify(unit).State);
    }

    static string Damage(string json, string damage, string key, string folder)
    {
        switch (damage)
        {
            case "only the key": return $$"""{"key":"{{key}}"}""";
            case "json null": return "null";
            case "json array": return "[]";
            case "truncated json": return json[..(json.Length / 2)];
        }
        var node = JsonNode.Parse(json)!.AsObject();
        var firstFile = node["files"]![0]!.AsObject();
        switch (damage)
        {
            case "files null": node["files"] = null; break;
            case "files not a list": node["files"] = "out.txt"; break;
            case "a null file entry": node["files"]!.AsArray().Add(null); break;
            case "a file outside the unit folder":
                // A real file with the right size and hash, but beside the folder: it must not count.
                File.Copy(Path.Combine(folder, "out.txt"), Path.Combine(folder, "..", "outside.txt"));
                firstFile["name"] = "../outside.txt";
                break;
            case "a rooted file name": firstFile["name"] = Path.GetFullPath(Path.Combine(folder, "out.txt")); break;
            case "a negative size": firstFile["bytes"] = -1; break;
            case "a malformed sha256": firstFile["sha256"] = "not-a-hash"; break;
            case "stage missing": node.Remove("stage"); break;
            case "a null parameter": node["parameters"]!["id"] = null; break;
            case "another key": node["key"] = new string('0', 64); break;
            default: throw new ArgumentException(damage);
        }
        return node.ToJsonString();
    }
}
