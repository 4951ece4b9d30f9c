namespace Agop.Science.Images.Data;

/// <summary>
/// A local copy of the CLEVR-XAI release (SPEC §10.8), checked on opening; nothing is ever downloaded. Expected layout:
/// <code>
/// root/
///   images/*.png                     the rendered scenes; image i is the i-th file in ordinal name order
///   *simple*questions*.json          {"questions": [...]}, CLEVR-XAI-simple
///   *complex*questions*.json         {"questions": [...]}, CLEVR-XAI-complex
///   ground_truth.npy                 Q×128×128 bool or uint8, Q = simple + complex questions, or instead
///   ground_truth/{q}.npy             one 128×128 bool or uint8 mask per question q = 0..Q−1
/// </code>
/// Questions are numbered simple first, then complex; each names its image by <c>image_filename</c>/<c>image</c> or
/// <c>image_index</c>. The release ships one ground-truth variant per question set (single object, all objects, unique,
/// …): arrange the variant to evaluate as above. A set whose expected count is 0 needs no file.
/// Every problem throws <see cref="ClevrXaiException"/> naming the exact path.
/// </summary>
public sealed class ClevrXaiSource
{
    public const string EnvironmentVariable = "AGOP_CLEVR_XAI";
    public const string ConfigKey = "image.clevr_xai.path";
    public const int MaskSide = ClevrXaiMasks.Side;

    readonly ClevrXaiMasks masks;

    ClevrXaiSource(string root, IReadOnlyList<string> imageFiles, IReadOnlyList<ClevrXaiQuestion> questions, ClevrXaiMasks masks)
    {
        Root = root;
        ImageFiles = imageFiles;
        Questions = questions;
        this.masks = masks;
    }

    public string Root { get; }

    /// <summary>Full paths of the images, in index order.</summary>
    public IReadOnlyList<string> ImageFiles { get; }

    public IReadOnlyList<ClevrXaiQuestion> Questions { get; }

    /// <summary>The configured folder if any, else <c>$AGOP_CLEVR_XAI</c>, else null.</summary>
    public static string? ConfiguredPath(string? configured) =>
        !string.IsNullOrWhiteSpace(configured) ? configured : Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static ClevrXaiSource Open(string? path, ClevrXaiCounts? expected = null)
    {
        expected ??= ClevrXaiCounts.Release;
        if (string.IsNullOrWhiteSpace(path))
            throw new ClevrXaiException("(no path)", $"no CLEVR-XAI folder given; set {ConfigKey} in the config or {EnvironmentVariable} to a local copy of the release");
        string root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
            throw new ClevrXaiException(root, $"CLEVR-XAI folder not found; set {ConfigKey} in the config or {EnvironmentVariable} to a local copy of the release (nothing is downloaded)");

        var imageFiles = ImageFilesIn(root, expected.Images);
        var imageIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < imageFiles.Length; i++) imageIndex[Path.GetFileName(imageFiles[i])] = i;

        string imagesFolder = Path.Combine(root, "images");
        var questions = new List<ClevrXaiQuestion>(expected.Questions);
        foreach (var (set, count) in (ReadOnlySpan<(string, int)>)[("simple", expected.SimpleQuestions), ("complex", expected.ComplexQuestions)])
        {
            string? file = QuestionFileFor(root, set, count);
            if (file is null) continue;
            var read = ClevrXaiQuestionFile.Read(file, set, questions.Count, imagesFolder, imageIndex);
            if (read.Count != count) throw new ClevrXaiException(file, $"expected {count} {set} questions, found {read.Count}");
            questions.AddRange(read);
        }
        return new ClevrXaiSource(root, imageFiles, questions, ClevrXaiMasks.Open(root, expected.Questions));
    }

    /// <summary>The ground-truth mask of a question: 128×128 row-major, 0/1.</summary>
    public byte[] LoadMask(int question)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(question);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(question, Questions.Count);
        return masks.Load(question);
    }

    /// <summary>Image <paramref name="index"/> as channel-first RGB in [0, 1]: 3×H×W.</summary>
    public float[] LoadImage(int index) => LoadImage(index, out _, out _);

    public float[] LoadImage(int index, out int height, out int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ImageFiles.Count);
        return RgbImage.LoadPng(ImageFiles[index], out height, out width);
    }

    static string[] ImageFilesIn(string root, int expected)
    {
        string folder = Path.Combine(root, "images");
        if (!Directory.Exists(folder)) throw new ClevrXaiException(folder, "missing: the CLEVR-XAI images (PNG) belong there");
        var files = Directory.GetFiles(folder, "*.png");
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length != expected) throw new ClevrXaiException(folder, $"expected {expected} PNG images, found {files.Length}");
        return files;
    }

    /// <summary>The one <c>*questions*.json</c> in the root whose name contains the set name; null when the set is not expected.</summary>
    static string? QuestionFileFor(string root, string set, int expected)
    {
        var candidates = Directory.GetFiles(root, "*questions*.json")
            .Where(f => Path.GetFileName(f).Contains(set, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToArray();
        if (candidates.Length > 1)
            throw new ClevrXaiException(candidates[1], $"more than one {set} questions file ({string.Join(", ", candidates.Select(Path.GetFileName))}); keep one");
        if (candidates.Length == 1) return candidates[0];
        if (expected == 0) return null;
        throw new ClevrXaiException(Path.Combine(root, $"*{set}*questions*.json"), $"missing: no {set} questions file (expected {expected} questions)");
    }
}
