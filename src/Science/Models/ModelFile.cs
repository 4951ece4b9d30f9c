using System.Text.Json;

namespace Agop.Science.Models;

/// <summary>A trained model on disk: <c>model.safetensors</c> (weights) and <c>model.json</c> (architecture).</summary>
public static class ModelFile
{
    public const string Weights = "model.safetensors";
    public const string Architecture = "model.json";

    sealed record Shape(int Inputs, int[] Hidden, int Classes);

    public static void Save(Mlp model, string folder)
    {
        SafeTensors.Save(model, Path.Combine(folder, Weights), new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(Path.Combine(folder, Architecture), JsonSerializer.Serialize(new Shape(model.Inputs, model.Hidden, model.Classes)));
    }

    public static Mlp Load(Func<string, string> file)
    {
        var shape = JsonSerializer.Deserialize<Shape>(File.ReadAllText(file(Architecture)))
            ?? throw new InvalidDataException($"{file(Architecture)}: empty");
        var model = new Mlp(shape.Inputs, shape.Hidden, shape.Classes, seed: 0);
        SafeTensors.Load(model, file(Weights));
        model.eval();
        return model;
    }
}
