using Agop.Science.Images.Data;
using Agop.Science.IO;

namespace Agop.Tests.Science.Images.Data;

public class ClevrXaiSourceTests
{
    static readonly ClevrXaiCounts Counts = new(ClevrXaiFixture.Images, ClevrXaiFixture.Simple, ClevrXaiFixture.Complex);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_complete_copy_loads_questions_masks_and_images(bool stacked)
    {
        using var copy = new ClevrXaiFixture(stacked);

        var source = ClevrXaiSource.Open(copy.Path, Counts);

        Assert.Equal(5, source.Questions.Count);
        Assert.Equal([2, 0, 1, 0, 2], source.Questions.Select(q => q.Image));
        Assert.Equal(["simple", "simple", "complex", "complex", "complex"], source.Questions.Select(q => q.Set));
        Assert.Equal((2, "complex", 0), (source.Questions[2].Index, source.Questions[2].Set, source.Questions[2].SetIndex));
        for (int q = 0; q < 5; q++) Assert.Equal(copy.Masks[q], source.LoadMask(q));

        var image = source.LoadImage(1, out int height, out int width);
        Assert.Equal((ClevrXaiFixture.Height, ClevrXaiFixture.Width), (height, width));
        int plane = height * width;
        Assert.Equal(3 * plane, image.Length);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = ClevrXaiFixture.Colour(1, x, y);
                Assert.Equal(r / 255f, image[y * width + x]);
                Assert.Equal(g / 255f, image[plane + y * width + x]);
                Assert.Equal(b / 255f, image[2 * plane + y * width + x]);
            }
    }

    [Fact]
    public void Bool_masks_are_read_as_0_and_1()
    {
        using var copy = new ClevrXaiFixture(stacked: true);
        var bytes = copy.Masks.SelectMany(m => m).Select(v => (byte)(v * 3)).ToArray();
        NpyByteArrayTests.WriteRaw(Path.Combine(copy.Path, "ground_truth.npy"), "|b1", "(5, 128, 128)", bytes);

        Assert.Equal(copy.Masks[4], ClevrXaiSource.Open(copy.Path, Counts).LoadMask(4));
    }

    [Fact]
    public void A_missing_root_names_the_path_and_the_settings()
    {
        string absent = Path.Combine(Path.GetTempPath(), $"agop-no-clevr-{Guid.NewGuid():N}");

        var error = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(absent));
        var unset = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(null));

        Assert.Equal(absent, error.Path);
        Assert.Contains(absent, error.Message);
        Assert.Contains("image.clevr_xai.path", error.Message);
        Assert.Contains("AGOP_CLEVR_XAI", error.Message);
        Assert.Contains("AGOP_CLEVR_XAI", unset.Message);
    }

    [Fact]
    public void The_release_counts_are_the_default()
    {
        using var copy = new ClevrXaiFixture(stacked: true);

        var error = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path));

        Assert.Equal((10_000, 39_761, 100_000), (ClevrXaiCounts.Release.Images, ClevrXaiCounts.Release.SimpleQuestions, ClevrXaiCounts.Release.ComplexQuestions));
        Assert.Equal(Path.Combine(copy.Path, "images"), error.Path);
        Assert.Contains("expected 10000 PNG images, found 3", error.Message);
    }

    [Fact]
    public void A_missing_image_is_named()
    {
        using var copy = new ClevrXaiFixture(stacked: true);
        string image = Path.Combine(copy.Path, "images", ClevrXaiFixture.ImageName(2));
        var source = ClevrXaiSource.Open(copy.Path, Counts);
        File.Delete(image);

        var onLoad = Assert.Throws<ClevrXaiException>(() => source.LoadImage(2));
        var onOpen = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path, Counts));
        copy.WriteQuestions("CLEVR-XAI_simple_questions.json", [new { question = "?", image = "CLEVR_unique_000009" }, new { question = "?", image_index = 0 }]);
        var named = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path, Counts with { Images = 2 }));

        Assert.Equal(image, onLoad.Path);
        Assert.Contains("missing", onLoad.Message);
        Assert.Contains("expected 3 PNG images, found 2", onOpen.Message);
        Assert.Equal(Path.Combine(copy.Path, "images", "CLEVR_unique_000009.png"), named.Path);
    }

    [Fact]
    public void A_miscounted_stacked_mask_file_names_it_with_expected_and_found()
    {
        using var copy = new ClevrXaiFixture(stacked: true);
        string stacked = Path.Combine(copy.Path, "ground_truth.npy");
        NpyFile.Write(stacked, copy.Masks.Take(4).SelectMany(m => m).ToArray(), 4, 128, 128);

        var error = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path, Counts));

        Assert.Equal(stacked, error.Path);
        Assert.Contains("expected 5 masks", error.Message);
        Assert.Contains("found 4", error.Message);
    }

    [Fact]
    public void A_mask_of_the_wrong_type_or_size_is_named()
    {
        using var copy = new ClevrXaiFixture(stacked: true);
        string stacked = Path.Combine(copy.Path, "ground_truth.npy");
        NpyFile.Write(stacked, new float[5 * 64 * 64], 5, 64, 64);

        var error = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path, Counts));

        Assert.Equal(stacked, error.Path);
        Assert.Contains("<f4", error.Message);
    }

    [Fact]
    public void A_per_question_folder_with_a_missing_or_bad_file_is_named()
    {
        using var copy = new ClevrXaiFixture(stacked: false);
        string folder = Path.Combine(copy.Path, "ground_truth");
        File.Delete(Path.Combine(folder, "4.npy"));

        var miscounted = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path, Counts));
        NpyFile.Write(Path.Combine(folder, "7.npy"), copy.Masks[4], 128, 128);
        NpyFile.Write(Path.Combine(folder, "3.npy"), new byte[64 * 64], 64, 64);
        var source = ClevrXaiSource.Open(copy.Path, Counts);
        var missing = Assert.Throws<ClevrXaiException>(() => source.LoadMask(4));
        var wrongShape = Assert.Throws<ClevrXaiException>(() => source.LoadMask(3));

        Assert.Equal(folder, miscounted.Path);
        Assert.Contains("expected 5 mask files", miscounted.Message);
        Assert.Contains("found 4", miscounted.Message);
        Assert.Equal(Path.Combine(folder, "4.npy"), missing.Path);
        Assert.Equal(Path.Combine(folder, "3.npy"), wrongShape.Path);
        Assert.Contains("expected (128, 128)", wrongShape.Message);
    }

    [Fact]
    public void Question_files_that_are_missing_or_miscounted_are_named()
    {
        using var copy = new ClevrXaiFixture(stacked: true);
        string complex = Path.Combine(copy.Path, "CLEVR-XAI_complex_questions.json");

        var miscounted = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path, Counts with { ComplexQuestions = 4 }));
        File.Delete(complex);
        var missing = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path, Counts));

        Assert.Equal(complex, miscounted.Path);
        Assert.Contains("expected 4 complex questions, found 3", miscounted.Message);
        Assert.Contains("complex", missing.Path);
        Assert.Contains("missing", missing.Message);
    }

    [Fact]
    public void No_masks_at_all_names_both_places_looked()
    {
        using var copy = new ClevrXaiFixture(stacked: true);
        File.Delete(Path.Combine(copy.Path, "ground_truth.npy"));

        var error = Assert.Throws<ClevrXaiException>(() => ClevrXaiSource.Open(copy.Path, Counts));

        Assert.Contains(Path.Combine(copy.Path, "ground_truth.npy"), error.Message);
        Assert.Contains(Path.Combine(copy.Path, "ground_truth"), error.Message);
    }
}
