using Agop.Report;
using Agop.Report.Claims;
using Agop.Tests.Support;

namespace Agop.Tests.Report;

/// <summary>One claim engine for every paper: claims are data, each kind a class, and each claim is decided under every variant.</summary>
public class ClaimEngineTests
{
    static ReportData Data(IReadOnlyList<MethodScore> scores, PaperReference? reference) => new(
        "t", "c", "c.yaml", "h", "", DateTimeOffset.UnixEpoch, "commit", new Dictionary<string, string>(),
        ["linear"], ["agop_ixg", "shap"], [new MethodInfo("agop_ixg", "AGOP-IxG", ""), new MethodInfo("shap", "SHAP (Deep)", "")], "agop_ixg",
        [0], scores, [], [], [],
        new RoarSummary([], [], [], [], new Dictionary<(string, int), double>(), ""), reference, [], [], []);

    static MethodScore Score(string method, double noise) => new("linear", 0, method, 10, 0.5, 0.5, noise, 1);

    static readonly PaperReference Reference = PaperReference.Parse("""
        paper: test
        claims:
          - { id: N1, text: "lowest noise", kind: leads, metric: noise_mass, method: agop_ixg, datasets: [linear] }
          - { text: "a kind nobody wrote", kind: telepathy }
        """);

    [Fact]
    public void Every_kind_of_every_shipped_reference_file_is_a_known_claim_kind()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Find(), "configs", "reference"), "*.yaml"))
        {
            var reference = PaperReference.Load(file);
            Assert.NotEmpty(reference.Claims);
            Assert.All(reference.Claims, c => Assert.Contains(c.Kind, ClaimEngine.KindNames));
            Assert.Equal(reference.Claims.Count, reference.Claims.Select(c => c.Id).Distinct().Count());
        }
    }

    [Fact]
    public void An_unknown_kind_is_undecided_and_named_and_a_claim_without_an_id_is_numbered()
    {
        var results = ClaimEngine.Decide("test", Reference, ClaimContext.Of(Data([Score("agop_ixg", 0.1), Score("shap", 0.2)], Reference)));
        Assert.Equal(["N1", "C2"], results.Select(r => r.Id));
        Assert.True(results[0].Holds);
        Assert.Null(results[1].Holds);
        Assert.Contains("unknown claim kind 'telepathy'", results[1].Ours);
        Assert.Contains("leads", results[1].Ours);
    }

    [Fact]
    public void Each_claim_gets_a_row_per_config_and_a_summary_that_names_where_it_fails()
    {
        var holds = Data([Score("agop_ixg", 0.1), Score("shap", 0.2)], Reference);
        var fails = Data([Score("agop_ixg", 0.3), Score("shap", 0.2)], Reference);
        var data = holds with
        {
            Variants = [new VariantData("v1", ["agop.tau: 0.1"], fails, 3), new VariantData("v2", ["agop.tau: 0.2"], holds, 0),
                        new VariantData("v3", ["agop.tau: 0.3"], fails, 3)],
        };
        var rows = ClaimsRobustness.Rows(data);
        Assert.Equal(["base", "v1", "v2", "v3"], rows.Where(r => r.Result.Id == "N1").Select(r => r.Variant));
        Assert.Equal("holds under 2 of 4; fails under v1, v3", ClaimsRobustness.Summary(rows, "AGOP-IxG", "N1"));
        Assert.Equal("not decided under any config", ClaimsRobustness.Summary(rows, "AGOP-IxG", "C2"));

        var csv = ClaimsRobustness.Data(data);
        Assert.Equal(["paper", "claim", "variant", "ours", "paper_value", "verdict", "p_value", "changes"], csv.Columns);
        var v1 = csv.Rows.Single(r => csv.Text(r, "claim") == "N1" && csv.Text(r, "variant") == "v1");
        Assert.Equal("fails", csv.Text(v1, "verdict"));
        Assert.Equal("agop.tau: 0.1", csv.Text(v1, "changes"));

        var table = ClaimsRobustness.Table(data, "AGOP-IxG", "Claims robustness. test");
        Assert.Equal(["Claim", "base", "v1", "v2", "v3", "Summary"], table.Headers);
        Assert.Equal(["N1", "holds", "fails", "holds", "fails", "holds under 2 of 4; fails under v1, v3"], table.Rows[0]);
        // without variants no summary column is added
        var plain = ClaimsRobustness.WithSummaries(new ReportTable("t", ["Claim"], [["N1"]]), ["N1"], holds, "AGOP-IxG");
        Assert.Equal(["Claim"], plain.Headers);
        var summarised = ClaimsRobustness.WithSummaries(new ReportTable("t", ["Claim"], [["N1"]]), ["N1"], data, "AGOP-IxG");
        Assert.Equal(["N1", "holds under 2 of 4; fails under v1, v3"], summarised.Rows[0]);
    }
}
