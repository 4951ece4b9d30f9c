using Agop.Report;
using Agop.Report.Claims;
using Agop.Tests.Support;

namespace Agop.Tests.Report;

/// <summary>
/// Every claim is checked against the paper's own numbers (SPEC §14): a claim whose inputs the paper reports must hold on
/// them, and a claim that cannot be checked that way says why. An encoding the paper's own numbers fail is wrong.
/// </summary>
public class PaperValuesTests
{
    static readonly MethodNames Names = new([new MethodInfo("agop_ixg", "AGOP-IxG", ""), new MethodInfo("shap", "SHAP", ""), new MethodInfo("lime", "LIME", "")]);

    static PaperReference Load(string file) => PaperReference.Load(Path.Combine(RepoRoot.Find(), "configs", "reference", file));

    public static TheoryData<string> ReferenceFiles => new(Directory.GetFiles(Path.Combine(RepoRoot.Find(), "configs", "reference"), "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void PaperValues_every_claim_holds_on_the_papers_own_numbers_or_says_why_it_cannot_be_checked(string file)
    {
        var reference = Load(file);
        var results = ClaimEngine.DecideOnPaperNumbers(file, reference, Names);
        Assert.Equal(reference.Claims.Count, results.Count);
        foreach (var result in results)
        {
            Assert.True(result.Verdict is Verdict.Holds or Verdict.NotRun, $"{file} {result.Id} is {result.VerdictText} on the paper's own numbers: {result.Ours}");
            if (result.Verdict == Verdict.NotRun) Assert.False(string.IsNullOrWhiteSpace(result.Ours), $"{file} {result.Id} does not say why it cannot be checked");
        }
        Assert.All(reference.Numbers, n => Assert.False(string.IsNullOrWhiteSpace(n.Where), $"{file}: {n.Dataset}/{n.Method}/{n.Metric} does not say where the paper reports it"));
    }

    [Fact]
    public void PaperValues_the_claims_whose_inputs_the_paper_reports_are_all_checked()
    {
        var tabular = ClaimEngine.DecideOnPaperNumbers("AGOP-IxG", Load("agop-ixg-paper.yaml"), Names).ToDictionary(r => r.Id);
        // reported by the paper: C1/C2 only on sparse (the other cells were lost), C4 Table 1's times, C5–C7 §5.3, C8/C9 the abstract,
        // C11 Table 2, C12 §4.4, C13 §5.3's peaks
        foreach (var id in new[] { "C1", "C2", "C4", "C5", "C6", "C7", "C8", "C9", "C11", "C12", "C13" })
            Assert.True(tabular[id].Verdict == Verdict.Holds, $"{id}: {tabular[id].Ours}");
        // not reported: said so
        foreach (var id in new[] { "C3", "C10", "C14", "C15", "C16", "C17" })
        {
            Assert.Equal(Verdict.NotRun, tabular[id].Verdict);
            Assert.Contains("the paper reports no number", tabular[id].Ours);
        }
        Assert.Contains("linear 347×, sparse 1,635×, interaction 1,632×", tabular["C4"].Ours);

        var images = ClaimEngine.DecideOnPaperNumbers("P000", Load("agop-as-explanation-paper.yaml"), Names).ToDictionary(r => r.Id);
        Assert.Equal(Verdict.Holds, images["H1"].Verdict);
        Assert.Equal(Verdict.Holds, images["H2"].Verdict);
        Assert.Contains("not reproducible offline", images["H4"].Ours);
    }

    [Fact]
    public void PaperValues_catch_an_encoding_the_papers_numbers_fail()
    {
        // C4 read as a hard "at least 350x": the paper's own linear row (32.98 / 0.095 = 347x) fails it
        var reference = Load("agop-ixg-paper.yaml");
        var c4 = reference.Claims.Single(c => c.Id == "C4");
        c4.Tolerance = 0;
        var strict = ClaimEngine.DecideOnPaperNumbers("AGOP-IxG", reference, Names).Single(r => r.Id == "C4");
        Assert.Equal(Verdict.Contradicted, strict.Verdict);
    }
}
