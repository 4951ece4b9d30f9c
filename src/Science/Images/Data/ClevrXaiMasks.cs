using Agop.Science.IO;

namespace Agop.Science.Images.Data;

/// <summary>
/// The ground-truth masks (bool or uint8, 128×128 each): one stacked <c>ground_truth.npy</c> (Q×128×128, read one
/// slice at a time) or a folder <c>ground_truth/</c> holding <c>{question}.npy</c> for every question.
/// </summary>
abstract class ClevrXaiMasks
{
    public const int Side = 128;
    public const int Pixels = Side * Side;
    public const string StackedName = "ground_truth.npy";
    public const string FolderName = "ground_truth";

    public abstract byte[] Load(int question);

    public static ClevrXaiMasks Open(string root, int questions)
    {
        string stacked = Path.Combine(root, StackedName);
        string folder = Path.Combine(root, FolderName);
        bool hasStacked = File.Exists(stacked), hasFolder = Directory.Exists(folder);
        if (hasStacked && hasFolder) throw new ClevrXaiException(stacked, $"both it and {folder} hold ground-truth masks; keep one");
        if (hasStacked) return new Stacked(stacked, questions);
        if (hasFolder) return new PerQuestion(folder, questions);
        throw new ClevrXaiException(stacked, $"missing, and so is {folder}: the ground-truth masks must be one stacked .npy (Q×{Side}×{Side}) or one .npy per question");
    }

    static bool IsMaskDtype(string descr) => descr is "|b1" or "<b1" or "|u1" or "<u1";

    static void Binarise(byte[] mask)
    {
        for (int p = 0; p < mask.Length; p++) mask[p] = mask[p] == 0 ? (byte)0 : (byte)1;
    }

    sealed class Stacked : ClevrXaiMasks
    {
        readonly string path;
        readonly long dataOffset;

        public Stacked(string path, int questions)
        {
            this.path = path;
            NpyHeader header;
            try { header = NpyFile.ReadHeader(path); }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
            {
                throw new ClevrXaiException(path, $"not a readable .npy file ({e.Message})");
            }
            if (!IsMaskDtype(header.Descr))
                throw new ClevrXaiException(path, $"dtype {header.Descr}, expected bool or uint8 (a pickled dict, as eval.py saves, must first be stacked into a Q×{Side}×{Side} array)");
            if (header.Shape.Length != 3 || header.Shape[1] != Side || header.Shape[2] != Side)
                throw new ClevrXaiException(path, $"shape ({string.Join(", ", header.Shape)}), expected ({questions}, {Side}, {Side})");
            if (header.Shape[0] != questions)
                throw new ClevrXaiException(path, $"expected {questions} masks (one per question), found {header.Shape[0]}");
            long length = new FileInfo(path).Length;
            if (length != header.DataOffset + (long)questions * Pixels)
                throw new ClevrXaiException(path, $"expected {header.DataOffset + (long)questions * Pixels} bytes, found {length}");
            dataOffset = header.DataOffset;
        }

        public override byte[] Load(int question)
        {
            var mask = new byte[Pixels];
            using var stream = File.OpenRead(path);
            stream.Seek(dataOffset + (long)question * Pixels, SeekOrigin.Begin);
            stream.ReadExactly(mask);
            Binarise(mask);
            return mask;
        }
    }

    sealed class PerQuestion : ClevrXaiMasks
    {
        readonly string folder;

        public PerQuestion(string folder, int questions)
        {
            this.folder = folder;
            int found = Directory.EnumerateFiles(folder, "*.npy").Count();
            if (found != questions) throw new ClevrXaiException(folder, $"expected {questions} mask files (one .npy per question), found {found}");
        }

        public override byte[] Load(int question)
        {
            string path = Path.Combine(folder, $"{question}.npy");
            if (!File.Exists(path)) throw new ClevrXaiException(path, $"missing (the mask of question {question})");
            NpyArray array;
            try { array = NpyFile.Read(path); }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
            {
                throw new ClevrXaiException(path, $"not a readable mask .npy ({e.Message})");
            }
            if (array.Bytes is null) throw new ClevrXaiException(path, "dtype is not bool or uint8");
            if (array.Shape.Length != 2 || array.Shape[0] != Side || array.Shape[1] != Side)
                throw new ClevrXaiException(path, $"shape ({string.Join(", ", array.Shape)}), expected ({Side}, {Side})");
            Binarise(array.Bytes);
            return array.Bytes;
        }
    }
}
