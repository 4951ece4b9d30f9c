using Agop.Pipeline.Targets;

namespace Agop.Build.Targets.Images;

/// <summary>Shared helpers of the Part 3 targets: the (scenario, background, seed) grid and unit ids.</summary>
public abstract class ImageTarget : ExperimentTarget
{
    public sealed record Cell(string Scenario, string Background, int Seed, int DataSeed);

    /// <summary>Every (scenario, background, seed) that runs; nothing when <c>image.enabled</c> is false.</summary>
    public static IEnumerable<Cell> Cells(PlanContext plan) => Cells(plan.Config);

    public static IEnumerable<Cell> Cells(Agop.Pipeline.Config.ExperimentConfig config)
    {
        if (!config.Bool("image.enabled")) yield break;
        var seeds = config.Ints("image.seeds").Select(s => (int)s).ToList();
        bool shared = config.Bool("image.share_dataset_across_seeds");
        foreach (var scenario in config.Strings("image.scenarios"))
            foreach (var background in config.Strings("image.backgrounds"))
                foreach (var seed in seeds)
                    yield return new Cell(scenario, background, seed, shared ? seeds[0] : seed);
    }

    public static string Dataset(Cell c) => $"{c.Scenario}/{c.Background}";
    public static string GenerateImageId(Cell c) => $"image/generate/{Dataset(c)}/seed{c.DataSeed}";
    public static string TrainImageId(Cell c) => $"image/train/{Dataset(c)}/seed{c.Seed}";
    public static string FitAgopImageId(Cell c) => $"image/agop/{Dataset(c)}/seed{c.Seed}";
    public static string TraceAgopImageId(Cell c) => $"image/agop-trace/{Dataset(c)}/seed{c.Seed}";
    public static string AttributeImageId(Cell c, string method) => $"image/attribute/{Dataset(c)}/seed{c.Seed}/{method}";
    public static string EvaluateImageId(Cell c, string method) => $"image/evaluate/{Dataset(c)}/seed{c.Seed}/{method}";
}
