// Compares the IL of every method of our assemblies in two build folders (e.g. Debug and Release):
//   dotnet run tools/compare-il.cs -- build/bin/Debug/net10.0 build/bin/Release/net10.0
// Equal IL means the JIT compiles the same code, so the two builds run at the same speed. IL_DUMP=1 prints the first
// differing bodies in hex.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

if (args.Length != 2) { Console.Error.WriteLine("usage: dotnet run tools/compare-il.cs -- <folder A> <folder B>"); return 2; }
string[] ours = ["Agop.Build.dll", "Agop.Pipeline.dll", "Agop.Science.dll", "Agop.Report.dll", "Agop.Statistics.dll"];
int differing = 0;
foreach (string name in ours)
{
    var a = Bodies(Path.Combine(args[0], name));
    var b = Bodies(Path.Combine(args[1], name));
    var changed = a.Keys.Union(b.Keys).Where(k => !a.TryGetValue(k, out var x) || !b.TryGetValue(k, out var y) || x != y).ToList();
    Console.WriteLine($"{name}: {a.Count} method bodies, {changed.Count} differ{(changed.Count > 0 ? ": " + string.Join(", ", changed.Take(5)) : "")}");
    differing += changed.Count;
    if (Environment.GetEnvironmentVariable("IL_DUMP") == "1")
        foreach (var k in changed.Take(2)) Console.WriteLine($"  {k}\n  A {a.GetValueOrDefault(k)}\n  B {b.GetValueOrDefault(k)}");
}
return differing == 0 ? 0 : 1;

static Dictionary<string, string> Bodies(string path)
{
    using var pe = new PEReader(File.OpenRead(path));
    var md = pe.GetMetadataReader();
    var result = new Dictionary<string, string>();
    foreach (var handle in md.MethodDefinitions)
    {
        var method = md.GetMethodDefinition(handle);
        if (method.RelativeVirtualAddress == 0) continue;
        var type = md.GetTypeDefinition(method.GetDeclaringType());
        // the regex generator names its file-local types by a hash of the generated file's path, which differs by configuration
        string typeName = System.Text.RegularExpressions.Regex.Replace(md.GetString(type.Name), "<RegexGenerator_g>[0-9A-F]+__", "<RegexGenerator_g>__");
        string key = $"{md.GetString(type.Namespace)}.{typeName}::{md.GetString(method.Name)}#{md.GetBlobReader(method.Signature).Length}/{System.Reflection.Metadata.Ecma335.MetadataTokens.GetRowNumber(handle)}";
        var body = pe.GetMethodBody(method.RelativeVirtualAddress);
        var il = body.GetILBytes() ?? [];
        result[key] = Environment.GetEnvironmentVariable("IL_DUMP") == "1" ? Convert.ToHexString(il) : Convert.ToHexString(SHA256.HashData(il)) + $"/{body.MaxStack}/{body.LocalVariablesInitialized}";
    }
    return result;
}
