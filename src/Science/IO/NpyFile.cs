using System.Globalization;
using System.Text;

namespace Agop.Science.IO;

/// <summary>A dense array of float32 or int64 values with its shape, as stored in a NumPy .npy file.</summary>
public sealed record NpyArray(int[] Shape, float[]? Floats = null, long[]? Longs = null)
{
    public float[] F => Floats ?? throw new InvalidDataException("array holds int64, not float32");
    public long[] L => Longs ?? throw new InvalidDataException("array holds float32, not int64");
}

/// <summary>Reads and writes NumPy .npy (format 1.0, little-endian, C order) for float32 and int64.</summary>
public static class NpyFile
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void Write(string path, float[] data, params int[] shape) => Write(path, "<f4", shape, data.Length, w => { foreach (var v in data) w.Write(v); });

    public static void Write(string path, long[] data, params int[] shape) => Write(path, "<i8", shape, data.Length, w => { foreach (var v in data) w.Write(v); });

    static void Write(string path, string descr, int[] shape, int count, Action<BinaryWriter> body)
    {
        if (shape.Aggregate(1, (a, b) => a * b) != count)
            throw new ArgumentException($"shape ({string.Join(",", shape)}) does not hold {count} values");
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")";
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int total = Magic.Length + 4 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write((byte)1);
        writer.Write((byte)0);
        writer.Write((ushort)header.Length);
        writer.Write(Encoding.ASCII.GetBytes(header));
        body(writer);
    }

    public static NpyArray Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var magic = reader.ReadBytes(6);
        if (!magic.SequenceEqual(Magic)) throw new InvalidDataException($"{path}: not a .npy file");
        byte major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major == 1 ? reader.ReadUInt16() : (int)reader.ReadUInt32();
        string header = Encoding.ASCII.GetString(reader.ReadBytes(headerLength));
        string descr = Field(header, "descr").Trim('\'', ' ');
        if (Field(header, "fortran_order").Trim() != "False") throw new InvalidDataException($"{path}: Fortran order is not supported");
        var shape = Field(header, "shape").Trim('(', ')', ' ')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int count = shape.Aggregate(1, (a, b) => a * b);
        long expected = descr switch { "<f4" => 4L, "<i8" => 8L, _ => throw new InvalidDataException($"{path}: dtype {descr} is not supported") } * count;
        if (stream.Length - stream.Position != expected)
            throw new InvalidDataException($"{path}: expected {expected} data bytes for shape ({string.Join(",", shape)}), found {stream.Length - stream.Position}");
        if (descr == "<f4")
        {
            var data = new float[count];
            for (int i = 0; i < count; i++) data[i] = reader.ReadSingle();
            return new NpyArray(shape, Floats: data);
        }
        var longs = new long[count];
        for (int i = 0; i < count; i++) longs[i] = reader.ReadInt64();
        return new NpyArray(shape, Longs: longs);
    }

    static string Field(string header, string name)
    {
        int at = header.IndexOf($"'{name}':", StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"npy header has no '{name}'");
        int start = at + name.Length + 3;
        int end = header[start..].TrimStart().StartsWith('(') ? header.IndexOf(')', start) + 1 : header.IndexOf(',', start);
        return header[start..end].Trim();
    }
}
