namespace Agop.Science.Attribution.Fei;

/// <summary>
/// What FEI's layer-wise backward does to γ = ∂L/∂h_ℓ on an over-active unit, one where h_ℓ(x̃) &gt; h_ℓ(x) (SPEC §11.4,
/// L = −J): <see cref="OneSided"/> keeps γ only where it is positive (the step may lower the unit, never raise it; FEI),
/// <see cref="Zero"/> sets γ to 0, <see cref="None"/> leaves γ unchanged (FEI-ext, the external-only ablation).
/// </summary>
public enum FeiClip { OneSided, Zero, None }

/// <summary>Which curve points J averages: both (insertion minus deletion; FEI), insertion only (FEI-ins), deletion only (FEI-del).</summary>
public enum FeiObjective { Both, InsertionOnly, DeletionOnly }

/// <summary>
/// FEI's hyper-parameters (SPEC §11.4; every one is a [choice] of the reconstruction, defaults as there): Adam steps and
/// learning rate, the soft-mask temperature T, the number of quantile levels |Q| (evenly spaced over 0.05…0.95), the
/// std of θ₀ ~ N(0, σ²), the number of restarts (their masks are averaged), the clipping mode and the objective.
/// </summary>
public sealed record FeiSettings(
    int Steps = 300,
    double LearningRate = 0.05,
    double Temperature = 0.05,
    int Quantiles = 19,
    double InitStd = 0.1,
    int Restarts = 1,
    FeiClip Clip = FeiClip.OneSided,
    FeiObjective Objective = FeiObjective.Both)
{
    /// <summary>The report's variant names (SPEC §11.4).</summary>
    public const string Fei = "FEI", FeiExt = "FEI-ext", FeiIns = "FEI-ins", FeiDel = "FEI-del";

    public static IReadOnlyList<string> Variants { get; } = [Fei, FeiExt, FeiIns, FeiDel];

    /// <summary>
    /// These settings with the clip and objective of a named variant: FEI = one-sided + both, FEI-ext = none + both,
    /// FEI-ins = one-sided + insertion only, FEI-del = one-sided + deletion only. Names are case-insensitive.
    /// </summary>
    public FeiSettings AsVariant(string variant) => variant.ToUpperInvariant() switch
    {
        "FEI" => this with { Clip = FeiClip.OneSided, Objective = FeiObjective.Both },
        "FEI-EXT" => this with { Clip = FeiClip.None, Objective = FeiObjective.Both },
        "FEI-INS" => this with { Clip = FeiClip.OneSided, Objective = FeiObjective.InsertionOnly },
        "FEI-DEL" => this with { Clip = FeiClip.OneSided, Objective = FeiObjective.DeletionOnly },
        _ => throw new ArgumentException($"unknown FEI variant '{variant}' (expected one of {string.Join(", ", Variants)})"),
    };

    /// <summary>The quantile levels q: |Q| evenly spaced values from 0.05 to 0.95 (0.5 when |Q| = 1).</summary>
    public double[] Levels() => Quantiles == 1
        ? [0.5]
        : Enumerable.Range(0, Quantiles).Select(i => 0.05 + 0.9 * i / (Quantiles - 1)).ToArray();

    /// <summary>Perturbed copies of each sample per step: |Q| for one curve, 2|Q| for both.</summary>
    public int CopiesPerSample => Objective == FeiObjective.Both ? 2 * Quantiles : Quantiles;

    public void Validate()
    {
        if (Steps < 0) throw new ArgumentException($"FEI steps must be ≥ 0 (got {Steps})");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"FEI learning rate must be a positive number (got {LearningRate})");
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new ArgumentException($"FEI temperature must be a positive number (got {Temperature})");
        if (Quantiles < 1) throw new ArgumentException($"FEI needs at least one quantile level (got {Quantiles})");
        if (!(InitStd >= 0) || double.IsInfinity(InitStd)) throw new ArgumentException($"FEI init std must be ≥ 0 (got {InitStd})");
        if (Restarts < 1) throw new ArgumentException($"FEI restarts must be ≥ 1 (got {Restarts})");
        if (!Enum.IsDefined(Clip)) throw new ArgumentException($"unknown FEI clip mode {Clip}");
        if (!Enum.IsDefined(Objective)) throw new ArgumentException($"unknown FEI objective {Objective}");
    }
}
