using System.Text.RegularExpressions;
using Agop.Build;
using Agop.Pipeline.Engine;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Images.Models;
using Agop.Science.Models;
using Agop.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods;

/// <summary>
/// Every catalog method, in each modality it runs on, through one path parameterised by the device, as the stages call it:
/// model, inputs, targets, baselines and training statistics on the device; what a stage reads from disk (the AGOP factor,
/// diag(M)) as host arrays. Without a GPU, three checks together stand in for a CUDA run.
/// </summary>
/// <remarks>
/// <para>1. On the CPU with the real models (the SPEC MLP, CNN8by8): each method runs through this path and returns a finite
/// result of the input's shape on the input's device. On its own this catches little (every tensor is on the CPU).</para>
/// <para>2. On <c>meta</c>, whose tensors have shapes but no data: a run fails where a method mixes in a tensor it made on another
/// device (libtorch's same-device check, as on CUDA), reads device data back to the host mid-computation (.cpu(), .item(),
/// data&lt;T&gt;(): "no data") or returns its result elsewhere (the assertion). libtorch's C++ build has no meta kernel for relu
/// or conv2d (PyTorch registers those from Python), so this runs the methods on a small tanh network instead; the methods in
/// <see cref="NoMetaRun"/> need a model kind or an op that meta lacks here (DeepSHAP, GradCAM, VanillaGrad, LIME).</para>
/// <para>3. The source of every method (its file, the code it declares and the shared attribution code, as its unit keys
/// hash them) names no host device and no host read, and every tensor it creates names a device, except the documented places
/// in <see cref="Allowed"/>. It is the only device check for the methods that cannot run on meta, and a text check: it reads
/// code, not what the code does.</para>
/// <para>None of them catches kernels CUDA lacks or computes differently, values that differ by device, host reads in the
/// stages around the methods, or speed.</para>
/// </remarks>
public class DeviceParameterisedMethodTests
{
    const int Rows = 5, Features = 8, Classes = 3;

    static readonly IReadOnlyDictionary<string, string> NoMetaRun = new Dictionary<string, string>
    {
        ["shap"] = "walks the SPEC MLP's ReLU layers; relu has no meta kernel in libtorch's C++ build",
        ["gradcam"] = "needs a convolutional model; conv2d has no meta kernel in libtorch's C++ build",
        ["vanilla_grad"] = "takes |∇z_c|; abs has no meta kernel in libtorch's C++ build",
        ["lime"] = "picks each sample's class probabilities with index_select, which has no meta kernel in libtorch's C++ build",
    };

    /// <summary>Host devices or reads a method's code may use, each for a stated reason.</summary>
    static readonly (string File, Regex Line, string Reason)[] Allowed =
    [
        ("src/Science/Attribution/Lime.cs", new(@"new TorchSharp\.torch\.Generator\(\(ulong\)seed, CPU\)"),
            "LIME's generator lives on the CPU so every device sees the same neighbourhoods"),
        ("src/Science/Attribution/Lime.cs", new(@"device: CPU, generator: generator\)\.to\(x\.device\)"),
            "draws from that generator move to the compute device at once"),
        ("src/Science/Attribution/AgopFactor.cs", new(@"\.cpu\(\)"),
            "fitting AGOP ends in host arrays: the eigenvalues choose K, the factor is saved as an artifact"),
    ];

    static readonly Regex HostUse = new(@"\.cpu\(\)|\bCPU\b|\.item<|\.data<");
    static readonly Regex Factory = new(@"(?<![\w.])(tensor|zeros|ones|empty|full|eye|arange|linspace|rand|randn|randint|randperm)\(");

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var device in new[] { "cpu", "meta" })
            foreach (var modality in new[] { Modalities.Tabular, Modalities.Image })
                foreach (var method in MethodCatalog.Default.For(modality).Where(m => device == "cpu" || !NoMetaRun.ContainsKey(m.Id)))
                    cases.Add(device, modality.ToString(), method.Id);
        return cases;
    }

    [Fact]
    public void Every_catalog_method_runs_on_the_cpu_in_each_of_its_modalities_and_on_meta_unless_listed_with_a_reason()
    {
        var covered = Cases().Select(row => ((string)row[0], (string)row[1], (string)row[2])).ToHashSet();
        foreach (var method in MethodCatalog.Default.Methods)
            foreach (var modality in new[] { Modalities.Tabular, Modalities.Image }.Where(m => method.Modalities.HasFlag(m)))
            {
                Assert.Contains(("cpu", modality.ToString(), method.Id), covered);
                Assert.True(covered.Contains(("meta", modality.ToString(), method.Id)) || NoMetaRun.ContainsKey(method.Id), $"{method.Id} on meta");
            }
        Assert.All(NoMetaRun.Keys, id => Assert.Contains(id, MethodCatalog.Default.Ids));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_method_computes_on_the_configured_device_and_returns_its_result_there(string deviceName, string modalityName, string methodId)
    {
        using var scope = NewDisposeScope();
        var device = torch.device(deviceName);
        var modality = Enum.Parse<Modalities>(modalityName);
        var method = MethodCatalog.Default[methodId];
        var settings = new MethodSettings(method.Id, new SortedDictionary<string, object>(
            method.OptionsFor(modality).ToDictionary(o => o.Name, o => o.DefaultFor(modality)), StringComparer.Ordinal));

        bool image = modality == Modalities.Image, meta = device.type == DeviceType.META;
        long[] sample = image ? [1, 8, 8] : [Features];
        nn.Module<Tensor, Tensor> CreateModel() => meta ? new TanhNet(sample.Aggregate(1L, (a, b) => a * b), image ? 2 : Classes)
            : image ? new Cnn8by8(seed: 5) : new Mlp(Features, [16, 8], Classes, seed: 5);
        var hostX = randn([Rows, .. sample], generator: new TorchSharp.torch.Generator(3));
        var agop = method.Needs.HasFlag(MethodNeeds.AgopFactor) ? AgopFactor.Fit(CreateModel().forward, hostX, 0.01) : null;
        var model = CreateModel();
        model.to(device);
        var x = hostX.to(device);
        var target = ClassGradient.Predict(model.forward, x);
        var resources = new MethodResources(model, device, Seed: 7)
        {
            Agop = agop,
            AgopDiagonal = () => Enumerable.Range(1, (int)hostX[0].numel()).Select(j => (float)j).ToArray(),
            TrainMean = zeros(sample, device: device),
            TrainStd = ones(sample, device: device),
        };
        var baselines = image ? null : method.Baseline switch
        {
            BaselinePolicy.TrainingMean => zeros([1, .. sample], device: device),
            BaselinePolicy.BackgroundSample => randn([4, .. sample], generator: new TorchSharp.torch.Generator(4)).to(device),
            _ => null,
        };

        var attribution = method.Create(settings, resources).Attribute(x, target, baselines);

        Assert.Equal(device.type, attribution.device_type);
        Assert.Equal(x.shape, attribution.shape);
        if (!meta) Assert.True(attribution.isfinite().all().item<bool>(), $"{methodId} gave non-finite values");
    }

    [Fact]
    public void On_meta_a_tensor_from_another_device_or_a_host_read_fails()
    {
        using var scope = NewDisposeScope();
        var x = randn(Rows, Features).to(torch.device("meta"));
        Assert.ThrowsAny<Exception>(() => x * ones(Rows, Features));
        Assert.ThrowsAny<Exception>(() => x.sum().item<float>());
        Assert.ThrowsAny<Exception>(() => x.cpu());
    }

    [Fact]
    public void Method_code_names_no_host_device_or_host_read_and_every_tensor_it_creates_names_a_device()
    {
        string root = RepoRoot.Find();
        // The files each method's compiled code reaches from its factory (what its units' code keys cover).
        var reach = new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot).Reach;
        var files = MethodCatalog.Default.Methods.SelectMany(m => reach.Files(m.Create, null))
            .Where(f => f.StartsWith("src/Science/Attribution/", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("src/Science/Attribution/Lime.cs", files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(root, file));
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].Split("//")[0];
                if (Allowed.Any(a => a.File == file && a.Line.IsMatch(code))) continue;
                if (HostUse.IsMatch(code)) problems.Add($"{file}:{i + 1}: host device or host read: {code.Trim()}");
                else if (Factory.IsMatch(code) && !code.Contains("device:", StringComparison.Ordinal))
                    problems.Add($"{file}:{i + 1}: creates a tensor without naming its device: {code.Trim()}");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>Linear → tanh → Linear: every op it needs, forward and backward, has a meta kernel in libtorch's C++ build.</summary>
    sealed class TanhNet : nn.Module<Tensor, Tensor>
    {
        readonly Linear hidden, output;

        public TanhNet(long inputs, int classes) : base("tanh_net")
        {
            hidden = nn.Linear(inputs, 16);
            output = nn.Linear(16, classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => output.forward(tanh(hidden.forward(input.flatten(1))));
    }
}
