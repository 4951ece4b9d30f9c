using Agop.Build.Config;
using Agop.Pipeline.Targets;
using Agop.Science.Images.Data;
using Agop.Science.IO.Artifacts;

namespace Agop.Build.Targets.Images;

/// <summary>XAI-TRIS datasets (SPEC §10.2), one unit per (scenario, background, data seed).</summary>
public sealed class GenerateImageTarget : ImageTarget
{
    public sealed record Settings(XaiTrisSpec Spec);

    public override string Description => "XAI-TRIS images + ground-truth masks";

    public override IEnumerable<Pipeline.Engine.WorkUnit> CreateUnits(PlanContext plan)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in Cells(plan))
        {
            string id = GenerateImageId(cell);
            if (!done.Add(id)) continue;
            var settings = plan.Read(c =>
            {
                int size = (int)c.Int("image.size");
                return new Settings(new XaiTrisSpec(cell.Scenario, cell.Background, c.Double(ImageSchema.AlphaKey(size, cell.Scenario, cell.Background)),
                    (int)c.Int("image.samples"), cell.DataSeed, c.Bool("image.fp16_roundtrip"), size));
            });
            yield return Unit(plan, id, settings, [],
                static (context, s) => ImageDatasetArtifact.Write(context.OutputDirectory, XaiTrisGenerator.Generate(s.Spec)));
        }
    }
}
