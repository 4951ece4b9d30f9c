using System.Text.Json;
using Agop.Science.Models;

namespace Agop.Science.Images.Models;

/// <summary>A trained CNN8by8 on disk: <c>model.safetensors</c> (weights, PyTorch names) and <c>model.json</c> (architecture).</summary>
public static class CnnModelFile
{
    const string Name = "cnn8by8";

    sealed record Shape(string Architecture, int Parameters);

    public static void Save(Cnn8by8 model, string folder)
    {
        SafeTensors.Save(model, Path.Combine(folder, ModelFile.Weights), new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(Path.Combine(folder, ModelFile.Architecture),
            JsonSerializer.Serialize(new Shape(Name, (int)model.parameters().Sum(p => p.numel()))));
    }

    public static Cnn8by8 Load(string folder)
    {
        string path = Path.Combine(folder, ModelFile.Architecture);
        var shape = JsonSerializer.Deserialize<Shape>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty");
        if (shape.Architecture != Name) throw new InvalidDataException($"{path}: architecture '{shape.Architecture}', expected '{Name}'");
        var model = new Cnn8by8(seed: 0);
        SafeTensors.Load(model, Path.Combine(folder, ModelFile.Weights));
        model.eval();
        return model;
    }
}
