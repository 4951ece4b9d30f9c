using Agop.Build.Cli;

namespace Agop.Tests.Support;

/// <summary>A throw-away artifacts folder and a tiny config, run through the real task host in-process.</summary>
public sealed class TinyExperiment : IDisposable
{
    public const string DefaultYaml = """
        name: tiny
        seeds: [3]
        synthetic:
          datasets: [linear]
          samples: 240
          features: 8
          informative: 3
        train:
          epochs: 2
          batch_size: 64
          hidden: [16, 8]
        methods:
          ig:
            steps: 4
          shap:
            background: 8
          lime:
            samples: 40
        roar:
          datasets: []
        image:
          enabled: false
        faith:
          enabled: false
        report:
          figure_samples: [0]
        """;

    /// <summary>Part 3 alone on one tiny XAI-TRIS dataset (Part 1's smallest grid beside it, Part 2 off).</summary>
    public const string ImageYaml = """
        name: tiny-image
        seeds: [3]
        synthetic:
          datasets: [linear]
          samples: 240
          features: 8
          informative: 3
        train:
          epochs: 2
          batch_size: 64
          hidden: [16, 8]
        methods:
          enabled: [ixg]
        roar:
          datasets: []
        image:
          scenarios: [linear]
          backgrounds: [white]
          seeds: [0]
          samples: 400
          train:
            epochs: 6
            batch_size: 64
          agop:
            track_every: 2
          methods:
            ig:
              steps: 4
            smoothgrad:
              samples: 3
        faith:
          enabled: false
        report:
          figure_samples: [0]
        """;

    public TinyExperiment(string? yaml = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "agop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        ConfigPath = Path.Combine(Root, "tiny.yaml");
        File.WriteAllText(ConfigPath, yaml ?? DefaultYaml);
    }

    public string Root { get; }
    public string ConfigPath { get; }
    public string Artifacts => Path.Combine(Root, "artifacts");

    public (int Exit, string Output, string Errors) Run(params string[] extra) => Run(new StringWriter(), extra);

    /// <summary>As <see cref="Run(string[])"/>, writing the run's output to <paramref name="output"/> as it goes (a test can wait on it).</summary>
    public (int Exit, string Output, string Errors) Run(StringWriter output, params string[] extra)
    {
        var args = new List<string> { "--config", ConfigPath, "--artifacts", Artifacts, "--jobs", "2", "--threads", "1", "--verbosity", "quiet" };
        args.AddRange(extra);
        var errors = new StringWriter();
        int exit = Host.Run(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>
    /// The task host in-process with these arguments: its exit code and what it wrote. Units run on the host's threads
    /// (<c>--executor inproc</c>, the quickest to start) unless the arguments name an executor.
    /// </summary>
    public static (int Exit, string Output, string Errors) RunHost(IReadOnlyList<string> args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = Host.Run(args.Contains("--executor") ? args : ["--executor", "inproc", .. args], output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    public static string LastLine(string text) => text.TrimEnd().Split('\n').Last().Trim();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
