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
        Assert.Equal(Verdict.Holds, results[0].Verdict);
        Assert.Equal(Verdict.NotRun, results[1].Verdict);
        Assert.Contains("unknown claim kind 'telepathy'", results[1].Ours);
        Assert.Contains("leads", results[1].Ours);
    }

    [Fact]
    public void Each_claim_gets_a_row_per_config_and_the_summary_counts_only_variants_that_change_its_inputs()
    {
        var holds = Data([Score("agop_ixg", 0.1), Score("shap", 0.2)], Reference);
        var fails = Data([Score("agop_ixg", 0.3), Score("shap", 0.2)], Reference);
        HashSet<string> Changed(params string[] ids) => ids.ToHashSet(StringComparer.Ordinal);
        var data = holds with
        {
            Variants =
            [
                new VariantData("v1", ["agop.tau: 0.1"], fails, 3) { ChangedUnits = Changed("fitagop/linear/seed0", "attribute/linear/seed0/agop_ixg") },
                new VariantData("v2", ["image.miou.mask: own"], holds, 2) { ChangedUnits = Changed("image/evaluate/linear/white/seed0/ig") },
                new VariantData("v3", ["agop.tau: 0.3"], fails, 3) { ChangedUnits = Changed("evaluate/linear/seed0/agop_ixg") },
            ],
        };
        var rows = ClaimsRobustness.Rows(data);
        Assert.Equal(["base", "v1", "v2", "v3"], rows.Where(r => r.Result.Id == "N1").Select(r => r.Variant));
        Assert.Equal([false, true, false, true], rows.Where(r => r.Result.Id == "N1").Select(r => r.ChangesInputs));
        // v2 changes only image units, which a Part 1 claim does not read: it is not counted
        Assert.Equal("contradicted under 2 of 3 configs that change its inputs; holds under base", ClaimsRobustness.Summary(rows, "AGOP-IxG", "N1"));
        Assert.Equal("no variant changes this claim's inputs", ClaimsRobustness.Summary(rows, "AGOP-IxG", "C2")); // an unknown kind reads nothing

        var csv = ClaimsRobustness.Data(data);
        Assert.Equal(["paper", "claim", "variant", "verdict", "ours", "uncertainty", "scale", "paper_value", "p_value", "changes", "changes_inputs"], csv.Columns);
        var v1 = csv.Rows.Single(r => csv.Text(r, "claim") == "N1" && csv.Text(r, "variant") == "v1");
        Assert.Equal("contradicted", csv.Text(v1, "verdict"));
        Assert.Equal("agop.tau: 0.1", csv.Text(v1, "changes"));
        Assert.Equal("true", csv.Text(v1, "changes_inputs"));
        Assert.Equal("false", csv.Text(csv.Rows.Single(r => csv.Text(r, "claim") == "N1" && csv.Text(r, "variant") == "v2"), "changes_inputs"));

        var table = ClaimsRobustness.Table(data, "AGOP-IxG", "Claims robustness. test");
        Assert.Equal(["Claim", "base", "v1", "v2", "v3", "Summary"], table.Headers);
        Assert.Equal(["N1", "holds", "contradicted", "=", "contradicted", "contradicted under 2 of 3 configs that change its inputs; holds under base"], table.Rows[0]);
        // without variants no summary column is added
        var plain = ClaimsRobustness.WithSummaries(new ReportTable("t", ["Claim"], [["N1"]]), ["N1"], holds, "AGOP-IxG");
        Assert.Equal(["Claim"], plain.Headers);

        // only variants that cannot move the claim: said so instead of counting copies
        var inert = holds with { Variants = [new VariantData("v2", ["image.miou.mask: own"], holds, 2) { ChangedUnits = Changed("image/evaluate/x") }] };
        Assert.Equal("no variant changes this claim's inputs", ClaimsRobustness.Summary(ClaimsRobustness.Rows(inert), "AGOP-IxG", "N1"));
    }
}
