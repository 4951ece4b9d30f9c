namespace Agop.Science.IO.Artifacts;

/// <summary>An Attribute unit's output: raw attributions of the test set and the explained (predicted) class.</summary>
public sealed record AttributionArtifact(float[] Attributions, long[] Predicted, int Features)
{
    const string AttributionsFile = "attributions_test.npy";
    const string PredictedFile = "predicted_test.npy";

    public void Write(string folder)
    {
        NpyFile.Write(Path.Combine(folder, AttributionsFile), Attributions, Predicted.Length, Features);
        NpyFile.Write(Path.Combine(folder, PredictedFile), Predicted, Predicted.Length);
    }

    public static AttributionArtifact Read(string folder)
    {
        var attributions = NpyFile.Read(Path.Combine(folder, AttributionsFile));
        return new AttributionArtifact(attributions.F, NpyFile.Read(Path.Combine(folder, PredictedFile)).L, attributions.Shape[1]);
    }
}
