using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.Images.Models;
using Agop.Science.Images.Training;
using Agop.Science.IO.Artifacts;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Images;

/// <summary>Training keeps the tracked epochs' weights; FitAgopImage computes their diag(M), so AGOP options retrain nothing.</summary>
public class AgopCheckpointTests
{
    [Theory]
    [InlineData(AgopTarget.Predicted, ExplainedOutput.Logit)]
    [InlineData(AgopTarget.True, ExplainedOutput.Probability)]
    public void Diag_M_from_saved_checkpoints_is_bit_identical_to_the_live_weights_at_the_end_of_each_tracked_epoch(AgopTarget target, ExplainedOutput output)
    {
        using var scope = NewDisposeScope();
        var (x, y) = AgopDiagonalTests.TinyImages(256, seed: 4);
        var live = new Dictionary<int, float[]>();
        var result = ImageTrainer.Train(x, y, x.narrow(0, 0, 64), y.narrow(0, 0, 64), new ImageTrainSettings(6, 64, 5e-3, 100, true),
            new AgopHookSettings(2), seed: 1,
            epochEnd: (epoch, weights) =>
            {
                if (epoch % 2 != 0) return;
                using var model = new Cnn8by8(0);
                CnnWeights.Load(model, weights);
                live[epoch] = AgopDiagonal.Compute(model.forward, x, target, output, y);
            });

        string folder = Path.Combine(Path.GetTempPath(), "agop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var log = new ImageTrainingLog(result.EpochsRun, result.EpochKept, 1, 1, result.Checkpoints.Select(c => c.Epoch).ToArray(), result.Log.ToArray());
            ImageModelArtifact.Write(folder, result, [0.5f, 0.5f], log, [1, 8, 8]);
            var fromCheckpoints = CheckpointDiagonals.Compute(ImageModelArtifact.ReadCheckpoints(folder), x, target, output, y);
            Assert.Equal(new[] { 2, 4, 6 }, fromCheckpoints.Select(t => t.Epoch));
            foreach (var tracked in fromCheckpoints) Assert.Equal(live[tracked.Epoch], tracked.DiagM);
            Assert.Empty(ImageModelArtifact.ReadOnlineTracked(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
        result.Model.Dispose();
    }
}
