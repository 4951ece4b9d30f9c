using Agop.Science.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// The fitted AGOP prior: M = (1/n) Σ g_i g_iᵀ over training gradients at each sample's predicted class,
/// truncated to the K eigenvectors with λ > τ·λ_max, kept as the factor F = U_K Λ_K^{1/2} (M_K = F Fᵀ).
/// </summary>
public sealed record AgopFactor(int Features, int Rank, double Tau, float[] Factor, double[] Eigenvalues)
{
    public static AgopFactor Fit(Func<Tensor, Tensor> model, Tensor trainInputs, double tau)
    {
        using var scope = NewDisposeScope();
        var predicted = ClassGradient.Predict(model, trainInputs);
        var g = ClassGradient.Compute(model, trainInputs, predicted).flatten(1).to(ScalarType.Float64);
        using var count = g.shape[0].ToScalar();
        using var zero = 0.ToScalar();
        var m = g.t().matmul(g).div(count);
        var (values, vectors) = linalg.eigh(m);
        var eigen = values.cpu().data<double>().ToArray();
        double max = eigen.Max();
        var keep = Enumerable.Range(0, eigen.Length).Where(i => eigen[i] > tau * max).OrderByDescending(i => eigen[i]).ToArray();
        var index = tensor(keep.Select(i => (long)i).ToArray(), device: vectors.device);
        var factor = vectors.index_select(1, index).mul(values.index_select(0, index).clamp_min(zero).sqrt().unsqueeze(0));
        int d = (int)g.shape[1];
        return new AgopFactor(d, keep.Length, tau, factor.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray(),
            eigen.OrderByDescending(v => v).ToArray());
    }

    public Tensor FactorTensor(Device device) => tensor(Factor, [Features, Rank], device: device);

    public void Save(string folder)
    {
        NpyFile.Write(Path.Combine(folder, "agop_factor.npy"), Factor, Features, Rank);
        NpyFile.Write(Path.Combine(folder, "agop_eigenvalues.npy"), Eigenvalues.Select(v => (float)v).ToArray(), Eigenvalues.Length);
        File.WriteAllText(Path.Combine(folder, "agop.json"),
            System.Text.Json.JsonSerializer.Serialize(new { features = Features, rank = Rank, tau = Tau }));
    }

    public static AgopFactor Load(Func<string, string> file)
    {
        var factor = NpyFile.Read(file("agop_factor.npy"));
        var eigen = NpyFile.Read(file("agop_eigenvalues.npy"));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file("agop.json")));
        return new AgopFactor(factor.Shape[0], factor.Shape[1], json.RootElement.GetProperty("tau").GetDouble(), factor.F,
            eigen.F.Select(v => (double)v).ToArray());
    }
}
