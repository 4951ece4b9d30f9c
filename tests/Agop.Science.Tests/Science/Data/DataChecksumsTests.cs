using Agop.Science.Data.Real;

namespace Agop.Tests.Science.Data;

public class DataChecksumsTests
{
    [Fact]
    public void Sha256_is_lower_case_hex_of_the_file()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "abc.txt");
        File.WriteAllText(path, "abc");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DataChecksums.Sha256(path));
        DataChecksums.Verify(path, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    }

    [Fact]
    public void Wrong_checksum_names_the_file_and_both_hashes()
    {
        string path = Fixtures.File("adult", AdultLoader.TrainFile);

        var error = Assert.Throws<DataFileException>(() => DataChecksums.Verify(path, DataChecksums.Adult[AdultLoader.TrainFile]));

        Assert.Equal(path, error.File);
        Assert.Equal(
            $"checksum mismatch: expected {DataChecksums.Adult[AdultLoader.TrainFile]}, got {DataChecksums.Sha256(path)}",
            error.Problem);
    }
}
