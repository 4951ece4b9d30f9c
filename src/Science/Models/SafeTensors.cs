using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Models;

/// <summary>
/// Minimal safetensors (F32) reader and writer for a module's state dict, so weights load in Python with
/// <c>safetensors.torch.load_file</c>. Tensors are written in name order, which makes the file deterministic.
/// </summary>
public static class SafeTensors
{
    public static void Save(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var tensors = module.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is not null) header["__metadata__"] = metadata;
        long offset = 0;
        var blobs = new List<byte[]>();
        foreach (var (name, t) in tensors)
        {
            using var cpu = t.detach().cpu().to_type(ScalarType.Float32).contiguous();
            var floats = cpu.data<float>().ToArray();
            var bytes = new byte[floats.Length * 4];
            Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);
            header[name] = new { dtype = "F32", shape = t.shape, data_offsets = new[] { offset, offset + bytes.Length } };
            offset += bytes.Length;
            blobs.Add(bytes);
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        int padding = (8 - json.Length % 8) % 8;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(BitConverter.GetBytes((ulong)(json.Length + padding)));
        stream.Write(json);
        for (int i = 0; i < padding; i++) stream.WriteByte((byte)' ');
        foreach (var blob in blobs) stream.Write(blob);
    }

    public static void Load(nn.Module module, string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"{path}: too short for safetensors");
        long headerLength = (long)BitConverter.ToUInt64(bytes, 0);
        if (headerLength <= 0 || 8 + headerLength > bytes.Length) throw new InvalidDataException($"{path}: bad safetensors header length");
        using var document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        var state = module.state_dict();
        using var noGrad = no_grad();
        foreach (var (name, target) in state)
        {
            if (!document.RootElement.TryGetProperty(name, out var entry))
                throw new InvalidDataException($"{path}: tensor '{name}' missing");
            var shape = entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            if (!shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{path}: tensor '{name}' has shape [{string.Join(",", shape)}], model expects [{string.Join(",", target.shape)}]");
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            long start = 8 + headerLength + offsets[0];
            var floats = new float[(offsets[1] - offsets[0]) / 4];
            Buffer.BlockCopy(bytes, (int)start, floats, 0, floats.Length * 4);
            using var source = tensor(floats).reshape(shape);
            target.copy_(source);
        }
    }
}
