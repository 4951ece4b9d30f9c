using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>How features are ordered for insertion and deletion (SPEC §11.2, <c>faith.rank_by</c>).</summary>
public enum RankBy
{
    /// <summary>By the signed attribution, descending (RISE, Quantus <c>abs=False</c>).</summary>
    Signed,

    /// <summary>By |attribution|, descending.</summary>
    Abs,
}

/// <summary>The ranking rule shared by the curves, the internal metrics and the random floor.</summary>
public static class Ranking
{
    /// <summary>Parses the config value <c>signed</c> or <c>abs</c>.</summary>
    public static RankBy Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "signed" => RankBy.Signed,
        "abs" => RankBy.Abs,
        _ => throw new ArgumentException($"unknown rank_by '{value}' (expected signed or abs)", nameof(value)),
    };

    public static string Name(RankBy rankBy) => rankBy == RankBy.Abs ? "abs" : "signed";

    /// <summary>
    /// Rank positions of an N×d score matrix: result[i, j] = the place of feature j in sample i's order (0 = first
    /// perturbed). Order: descending by the key (signed or absolute), ties to the lower index (a stable sort); NaN
    /// counts as −∞. One sort for all samples; "the top k features" of sample i is then <c>positions[i] &lt; k</c>.
    /// </summary>
    public static Tensor Positions(Tensor scores, RankBy rankBy = RankBy.Signed)
    {
        if (scores.dim() != 2) throw new ArgumentException($"expected an N×d score matrix, got {scores.dim()} dimensions", nameof(scores));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var key = rankBy == RankBy.Abs ? scores.abs() : scores;
        if (key.is_floating_point()) key = key.nan_to_num(nan: double.NegativeInfinity);
        var order = key.sort(dim: 1, descending: true, stable: true).Indices;
        long n = scores.shape[0], d = scores.shape[1];
        var places = Scalars.Arange(d, ScalarType.Int64, scores.device).unsqueeze(0).expand(n, d);
        return zeros_like(order).scatter_(1, order, places).MoveToOuterDisposeScope();
    }
}
