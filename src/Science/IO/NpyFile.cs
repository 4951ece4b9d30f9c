using System.Globalization;
using System.Text;

namespace Agop.Science.IO;

/// <summary>A dense array of float32, int64 or uint8 values with its shape, as stored in a NumPy .npy file (bool arrays read as 0/1 bytes).</summary>
public sealed record NpyArray(int[] Shape, float[]? Floats = null, long[]? Longs = null, byte[]? Bytes = null)
{
    public float[] F => Floats ?? throw new InvalidDataException($"array holds {Holds}, not float32");
    public long[] L => Longs ?? throw new InvalidDataException($"array holds {Holds}, not int64");
    public byte[] U8 => Bytes ?? throw new InvalidDataException($"array holds {Holds}, not uint8");

    string Holds => Floats is not null ? "float32" : Longs is not null ? "int64" : "uint8";
}

/// <summary>The header of a .npy file: its dtype descr, shape, and where the data starts.</summary>
public sealed record NpyHeader(string Descr, int[] Shape, long DataOffset)
{
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>Reads and writes NumPy .npy (format 1.0, little-endian, C order) for float32, int64 and uint8; reads bool as uint8 0/1.</summary>
public static class NpyFile
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void Write(string path, float[] data, params int[] shape) => Write(path, "<f4", shape, data.Length, w => { foreach (var v in data) w.Write(v); });

    public static void Write(string path, long[] data, params int[] shape) => Write(path, "<i8", shape, data.Length, w => { foreach (var v in data) w.Write(v); });

    public static void Write(string path, byte[] data, params int[] shape) => Write(path, "|u1", shape, data.Length, w => w.Write(data));

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

    /// <summary>Bytes per element of a supported dtype, or null when the dtype is not supported.</summary>
    public static int? ElementSize(string descr) => descr switch
    {
        "<f4" => 4,
        "<i8" => 8,
        "|u1" or "<u1" or "|b1" or "<b1" => 1,
        _ => null,
    };

    public static NpyHeader ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(path, stream);
    }

    static NpyHeader ReadHeader(string path, Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.ASCII, leaveOpen: true);
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
        return new NpyHeader(descr, shape, stream.Position);
    }

    public static NpyArray Read(string path)
    {
        using var stream = File.OpenRead(path);
        var header = ReadHeader(path, stream);
        var (descr, shape) = (header.Descr, header.Shape);
        int count = checked((int)header.Count);
        long expected = (ElementSize(descr) ?? throw new InvalidDataException($"{path}: dtype {descr} is not supported")) * (long)count;
        if (stream.Length - stream.Position != expected)
            throw new InvalidDataException($"{path}: expected {expected} data bytes for shape ({string.Join(",", shape)}), found {stream.Length - stream.Position}");
        using var reader = new BinaryReader(stream);
        if (descr == "<f4")
        {
            var data = new float[count];
            for (int i = 0; i < count; i++) data[i] = reader.ReadSingle();
            return new NpyArray(shape, Floats: data);
        }
        if (descr == "<i8")
        {
            var longs = new long[count];
            for (int i = 0; i < count; i++) longs[i] = reader.ReadInt64();
            return new NpyArray(shape, Longs: longs);
        }
        var bytes = reader.ReadBytes(count);
        if (descr.EndsWith("b1", StringComparison.Ordinal))
            for (int i = 0; i < bytes.Length; i++) bytes[i] = bytes[i] == 0 ? (byte)0 : (byte)1;
        return new NpyArray(shape, Bytes: bytes);
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
