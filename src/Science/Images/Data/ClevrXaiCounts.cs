namespace Agop.Science.Images.Data;

/// <summary>How many images and questions a CLEVR-XAI copy must hold; the defaults are the release's (SPEC §10.8).</summary>
public sealed record ClevrXaiCounts(int Images = 10_000, int SimpleQuestions = 39_761, int ComplexQuestions = 100_000)
{
    public static ClevrXaiCounts Release { get; } = new();

    /// <summary>Simple then complex: the number of ground-truth masks expected.</summary>
    public int Questions => SimpleQuestions + ComplexQuestions;
}
