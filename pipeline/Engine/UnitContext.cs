namespace Agop.Pipeline.Engine;

/// <summary>What a running unit sees: where to write, where its inputs are, how to report progress, and its runtime.</summary>
public sealed class UnitContext
{
    readonly ArtifactStore _store;
    readonly Action<double, string?> _report;

    internal UnitContext(WorkUnit unit, string outputDirectory, ArtifactStore store, Action<double, string?> report, int threads)
    {
        Unit = unit;
        OutputDirectory = outputDirectory;
        _store = store;
        _report = report;
        Threads = threads;
    }

    public WorkUnit Unit { get; }
    /// <summary>A private temporary folder; moved into the store whole once the unit succeeds.</summary>
    public string OutputDirectory { get; }
    /// <summary>Compute threads for this unit (a runner setting, not part of the key).</summary>
    public int Threads { get; }

    public string Output(string fileName) => Path.Combine(OutputDirectory, fileName);

    /// <summary>The folder of the input declared under <paramref name="role"/>: a view holding only the files its manifest lists.</summary>
    public string Input(string role)
    {
        var matches = Unit.NamedInputs.Where(i => i.Role == role).ToList();
        if (matches.Count != 1)
            throw new InvalidOperationException($"{Unit.Id} has {matches.Count} inputs named '{role}' (declared: {string.Join(", ", Unit.NamedInputs.Select(i => i.Role).Distinct())})");
        return View(matches[0].Unit);
    }

    /// <summary>The folders (views, as <see cref="Input"/>) of every input declared under <paramref name="role"/>, by unit id.</summary>
    public IReadOnlyDictionary<string, string> Inputs(string role) =>
        Unit.NamedInputs.Where(i => i.Role == role).ToDictionary(i => i.Unit.Id, i => View(i.Unit), StringComparer.Ordinal);

    /// <summary>Where a unit's input views live: beside its temp folder, removed with it (and, if abandoned, with it too).</summary>
    public static string InputViewsOf(string outputDirectory) => outputDirectory.TrimEnd('/', '\\') + ".in";

    readonly Dictionary<string, string> _views = new(StringComparer.Ordinal);

    /// <summary>
    /// A folder of links to exactly the files the input's manifest lists (and the manifest), so a unit cannot read a file
    /// its input did not commit, whatever else lies in the input's folder.
    /// </summary>
    string View(WorkUnit input)
    {
        lock (_views)
        {
            if (_views.TryGetValue(input.Id, out var known)) return known;
            string source = _store.UnitDirectory(input);
            var manifest = Manifest.TryRead(Path.Combine(source, Manifest.FileName), out string problem)
                           ?? throw new InvalidDataException($"input {input.Id} has no readable manifest in {source}: {problem}");
            string view = Path.Combine(InputViewsOf(OutputDirectory), input.Stage.ToLowerInvariant(), input.Key);
            Directory.CreateDirectory(view);
            foreach (var name in manifest.Files.Select(f => f.Name).Append(Manifest.FileName))
            {
                string link = Path.Combine(view, name);
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                File.CreateSymbolicLink(link, Path.Combine(source, name));
            }
            _views[input.Id] = view;
            return view;
        }
    }

    /// <summary>Reports progress in [0, 1] with an optional short status.</summary>
    public void Report(double fraction, string? status = null) => _report(Math.Clamp(fraction, 0, 1), status);

    /// <summary>Records a measured quantity (e.g. wall time) in the manifest, outside the content hash.</summary>
    public void Record(string name, double value)
    {
        lock (Measurements) Measurements[name] = value;
    }

    internal Dictionary<string, double> Measurements { get; } = new(StringComparer.Ordinal);
}
