using Agop.NativeFix;
using static TorchSharp.torch;

namespace Agop.Tests.Science;

public class TorchSharpLoadFixTests
{
    const string Version = "GLIBCXX_3.4.32";

    static string PackagedLibrary()
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Fact]
    public void The_shipped_library_needs_the_version_and_the_patch_marks_it_weak_once()
    {
        string original = PackagedLibrary();
        Assert.True(File.Exists(original), $"restored package file expected at {original}");
        Assert.True(ElfVersionNeedPatcher.NeedsPatch(original, Version), "TorchSharp 0.107.0 as shipped needs GLIBCXX_3.4.32");

        string copy = Path.GetTempFileName();
        File.Copy(original, copy, overwrite: true);
        Assert.Equal(ElfPatchResult.Patched, ElfVersionNeedPatcher.MarkWeak(copy, Version));
        Assert.False(ElfVersionNeedPatcher.NeedsPatch(copy, Version));
        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionNeedPatcher.MarkWeak(copy, Version));
        var before = File.ReadAllBytes(original);
        var after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(1, before.Zip(after).Count(p => p.First != p.Second)); // exactly one byte: the flags field
        Assert.Equal(ElfPatchResult.VersionNotNeeded, ElfVersionNeedPatcher.MarkWeak(copy, "GLIBCXX_9.9.9"));
        File.Delete(copy);
    }

    [Fact]
    public void The_build_patched_every_copy_in_the_output_and_libtorch_works()
    {
        var copies = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories);
        Assert.NotEmpty(copies);
        Assert.All(copies, c => Assert.False(ElfVersionNeedPatcher.NeedsPatch(c, Version), c));

        using var x = tensor(new float[] { 1, 2, 3 }).requires_grad_(true);
        using var y = (x * x).sum();
        y.backward();
        Assert.Equal([2f, 4f, 6f], x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Non_elf_files_are_rejected()
    {
        string file = Path.GetTempFileName();
        File.WriteAllText(file, "not an elf file at all, but long enough to have a header of sixty four bytes....");
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkWeak(file, Version));
        File.Delete(file);
    }
}
