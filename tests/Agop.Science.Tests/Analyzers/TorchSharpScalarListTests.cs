using Agop.Analyzers;
using Agop.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Agop.Tests.Analyzers;

/// <summary>
/// AGOP002's list of TorchSharp members that make a Scalar inside themselves is exactly what TorchSharp's IL says, for the
/// TorchSharp this project builds with; after a TorchSharp update, <c>AGOP_UPDATE_SCALAR_LIST=1 dotnet test --filter
/// FullyQualifiedName~TorchSharpScalarListTests</c> rewrites src/Analyzers/TorchSharpInternalScalars.cs.
/// </summary>
public class TorchSharpScalarListTests
{
    static readonly System.Reflection.Assembly TorchSharpAssembly = typeof(TorchSharp.Scalar).Assembly;

    [Fact]
    public void The_analyzers_list_is_what_torchsharps_il_makes_scalars_in()
    {
        var found = TorchSharpScalarScan.Scan(TorchSharpAssembly);
        string version = TorchSharpAssembly.GetName().Version!.ToString(3);
        if (Environment.GetEnvironmentVariable("AGOP_UPDATE_SCALAR_LIST") == "1")
            File.WriteAllText(Path.Combine(RepoRoot.Find(), "src", "Analyzers", "TorchSharpInternalScalars.cs"), TorchSharpScalarScan.Render(found, version));

        Assert.Equal(TorchSharpInternalScalars.TorchSharpVersion, version);
        var listed = new SortedDictionary<string, string>(TorchSharpInternalScalars.Members.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
        Assert.Equal(found.Select(p => $"{p.Key} ({p.Value})"), listed.Select(p => $"{p.Key} ({p.Value})"));
        // the cases the project rule was written for
        Assert.Contains("M:TorchSharp.torch.Tensor.add(TorchSharp.torch.Tensor)", found.Keys);
        Assert.Contains("M:TorchSharp.torch.Tensor.op_Multiply(TorchSharp.torch.Tensor,System.Double)", found.Keys);
        Assert.Contains("M:TorchSharp.torch.arange(TorchSharp.Scalar,System.Nullable{TorchSharp.torch.ScalarType},TorchSharp.torch.Device,System.Boolean)", found.Keys);
        Assert.DoesNotContain("M:TorchSharp.torch.Tensor.mul(TorchSharp.torch.Tensor)", found.Keys);
        Assert.DoesNotContain("M:TorchSharp.torch.Tensor.add(TorchSharp.torch.Tensor,TorchSharp.Scalar)", found.Keys);
    }

    [Fact]
    public void Every_listed_id_names_a_torchsharp_member_as_the_compiler_spells_it()
    {
        var compilation = CSharpCompilation.Create("ids", references: RunningRuntime.References);
        var unresolved = TorchSharpInternalScalars.Members.Keys
            .Where(id => DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation) is not IMethodSymbol m
                || m.OriginalDefinition.GetDocumentationCommentId() != id)
            .ToList();
        Assert.Empty(unresolved);
    }
}
