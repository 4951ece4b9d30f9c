using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agop.Science.Images.Data;

/// <summary>
/// Reads one CLEVR questions JSON (<c>{"questions": [...]}</c>). Each question names its image by
/// <c>image_filename</c> or <c>image</c> (a file in <c>images/</c>, ".png" optional), else by <c>image_index</c>.
/// </summary>
static class ClevrXaiQuestionFile
{
    sealed class FileJson
    {
        [JsonPropertyName("questions")] public List<QuestionJson>? Questions { get; set; }
    }

    sealed class QuestionJson
    {
        [JsonPropertyName("question")] public string? Question { get; set; }
        [JsonPropertyName("image_filename")] public string? ImageFilename { get; set; }
        [JsonPropertyName("image")] public string? Image { get; set; }
        [JsonPropertyName("image_index")] public int? ImageIndex { get; set; }
    }

    /// <param name="imageIndex">Image file name (without folder) to its index.</param>
    public static List<ClevrXaiQuestion> Read(string path, string set, int firstIndex, string imagesFolder, IReadOnlyDictionary<string, int> imageIndex)
    {
        FileJson? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<FileJson>(stream);
        }
        catch (JsonException e)
        {
            throw new ClevrXaiException(path, $"not a valid questions JSON ({e.Message})");
        }
        if (file?.Questions is null) throw new ClevrXaiException(path, "has no top-level 'questions' array");

        var questions = new List<ClevrXaiQuestion>(file.Questions.Count);
        for (int k = 0; k < file.Questions.Count; k++)
        {
            var entry = file.Questions[k];
            int image = ImageOf(entry, path, k, imagesFolder, imageIndex);
            questions.Add(new ClevrXaiQuestion(firstIndex + k, set, k, image, entry.Question ?? ""));
        }
        return questions;
    }

    static int ImageOf(QuestionJson entry, string path, int position, string imagesFolder, IReadOnlyDictionary<string, int> imageIndex)
    {
        string? name = entry.ImageFilename ?? entry.Image;
        if (name is not null)
        {
            if (!name.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) name += ".png";
            return imageIndex.TryGetValue(name, out int index)
                ? index
                : throw new ClevrXaiException(Path.Combine(imagesFolder, name), $"missing (named by question {position} of {path})");
        }
        if (entry.ImageIndex is int i)
            return i >= 0 && i < imageIndex.Count
                ? i
                : throw new ClevrXaiException(path, $"question {position} names image_index {i}, but {imagesFolder} holds {imageIndex.Count} images");
        throw new ClevrXaiException(path, $"question {position} names no image (image_filename, image or image_index)");
    }
}
