using System.Text;
using Agop.Science.IO;
using Agop.Tests.Science.Data;

namespace Agop.Tests.Science.Images.Data;

/// <summary>The uint8 and bool support NpyFile gained for image masks (float32 and int64 are covered elsewhere).</summary>
public class NpyByteArrayTests
{
    [Fact]
    public void Uint8_round_trips_with_the_u1_descr()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "mask.npy");
        byte[] data = [0, 1, 255, 7, 0, 1];

        NpyFile.Write(path, data, 2, 3);
        var back = NpyFile.Read(path);

        Assert.Equal([2, 3], back.Shape);
        Assert.Equal(data, back.U8);
        Assert.Equal("|u1", NpyFile.ReadHeader(path).Descr);
        Assert.Equal(0, NpyFile.ReadHeader(path).DataOffset % 64);
        Assert.Throws<InvalidDataException>(() => back.F);
    }

    [Fact]
    public void Bool_reads_as_0_and_1_bytes()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "bool.npy");
        WriteRaw(path, "|b1", "(2, 2)", [1, 0, 2, 1]);

        var array = NpyFile.Read(path);

        Assert.Equal([1, 0, 1, 1], array.U8);
        Assert.Equal([2, 2], array.Shape);
    }

    [Fact]
    public void The_header_gives_where_the_data_starts()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "stack.npy");
        NpyFile.Write(path, new byte[3 * 4], 3, 2, 2);

        var header = NpyFile.ReadHeader(path);

        Assert.Equal(new FileInfo(path).Length - 12, header.DataOffset);
        Assert.Equal(12, header.Count);
    }

    /// <summary>A .npy with any descr, as numpy would write it.</summary>
    internal static void WriteRaw(string path, string descr, string shape, byte[] data)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        header += new string(' ', (64 - (10 + header.Length + 1) % 64) % 64) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(data);
    }
}
