using Agop.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Agop.Tests.Analyzers;

/// <summary>
/// AGOP001–AGOP003 on small sources compiled against the running runtime and the TorchSharp this project builds with
/// (no reference-assembly package is downloaded). Markup: {|AGOP001:span|} is where that diagnostic must be, and nowhere else.
/// </summary>
public class ScalarAnalyzerTests
{
    const string Header = """
        using System.Collections.Generic;
        using TorchSharp;
        using static TorchSharp.torch;

        """;

    static Task Verify(string source)
    {
        var test = new CSharpAnalyzerTest<ScalarAnalyzer, DefaultVerifier>
        {
            TestCode = Header + source,
            ReferenceAssemblies = RunningRuntime.Assemblies,
        };
        test.TestState.AdditionalReferences.AddRange(RunningRuntime.References);
        return test.RunAsync();
    }

    [Fact]
    public Task Implicit_conversions_in_arguments_are_AGOP001()
    {
        return Verify("""
            class C
            {
                const double Epsilon = 1e-6;

                void M(Tensor t, Tensor g, long d, long n, long k)
                {
                    var a = g.t().matmul(g).div({|AGOP001:g.shape[0]|});
                    var b = t.clamp_min({|AGOP001:0|});
                    var c = t.gt({|AGOP001:0|});
                    var e = t.abs().lt({|AGOP001:Epsilon|});
                    var f = t.pow({|AGOP001:2|});
                    var h = full(n, {|AGOP001:k|}, dtype: ScalarType.Int64);
                    var i = t.mul({|AGOP001:0.5f|});
                    var j = {|AGOP002:arange({|AGOP001:d|}, dtype: ScalarType.Int64)|};
                }
            }
            """);
    }

    [Fact]
    public Task Operators_with_a_number_or_a_tensor_that_TorchSharp_adds_with_alpha_one_are_AGOP002()
    {
        return Verify("""
            class C
            {
                void M(Tensor t, Tensor u)
                {
                    var a = {|AGOP002:t * 0.5|};
                    var b = {|AGOP002:t + 1|};
                    var c = {|AGOP002:1 - t|};
                    var d = {|AGOP002:t / 2.0f|};
                    var e = {|AGOP002:t + u|};
                    var f = {|AGOP002:t.add(u)|};
                    {|AGOP002:t.add_(u)|};
                    var g = {|AGOP002:t.square()|};
                    {|AGOP002:t *= 0.5|};
                    {|AGOP002:t += u|};
                    double x = {|AGOP002:(double)t|};
                    double y = {|AGOP002:t.ToDouble()|};
                }
            }
            """);
    }

    [Fact]
    public Task Casts_initialisers_and_collections_are_AGOP001_too()
    {
        return Verify("""
            class Holder { public Scalar Value { get; set; } }

            class C
            {
                void M(Tensor t)
                {
                    using var s = {|AGOP001:(Scalar)0.5|};
                    var h = new Holder { Value = {|AGOP001:2|} };
                    var list = new List<Scalar> { {|AGOP001:1.0|} };
                    t.mul(s);
                }
            }
            """);
    }

    [Fact]
    public Task A_ToScalar_that_no_using_holds_is_AGOP003()
    {
        return Verify("""
            class C
            {
                void M(Tensor t)
                {
                    var a = t.mul({|AGOP003:0.5.ToScalar()|});
                    var s = {|AGOP003:2.ToScalar()|};
                    var b = t.pow(s);
                    var c = t.mul({|AGOP003:t.sum().ToScalar()|});
                }
            }
            """);
    }

    [Fact]
    public Task Disposed_scalars_and_tensor_operands_are_clean()
    {
        return Verify("""
            class Adam : System.IDisposable
            {
                readonly Scalar _beta = 0.9.ToScalar();
                Scalar Make(double v) => v.ToScalar();
                public void Dispose() => _beta.Dispose();
            }

            class C
            {
                void M(Tensor t, Tensor u, long d)
                {
                    using var half = 0.5.ToScalar();
                    using var one = 1.ToScalar();
                    var a = t.mul(half);
                    var b = t.mul(u);
                    var c = t.add(u, one);
                    var e = t.add_(half, one);
                    var f = t - u;
                    var g = t * u;
                    var h = t * half;
                    using (var two = 2.ToScalar()) { var i = t.pow(two); }
                    using var zero = 0.ToScalar();
                    using var stop = d.ToScalar();
                    var j = arange(zero, stop, one, ScalarType.Int64);
                    var k = t.sum(dim: 1).gt(zero).to(ScalarType.Float64);
                }
            }
            """);
    }
}

/// <summary>The running runtime's own assemblies and TorchSharp, as compilation references: nothing to download.</summary>
internal static class RunningRuntime
{
    public static readonly ReferenceAssemblies Assemblies = new("net10.0");

    public static readonly IReadOnlyList<MetadataReference> References = Load();

    static List<MetadataReference> Load()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == framework)
            .Append(typeof(TorchSharp.Scalar).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
