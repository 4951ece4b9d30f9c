using Agop.Science.Data;

namespace Agop.Science.Images.Data;

/// <summary>
/// The stratified train/val/test split (80/10/10 at 8×8, 90/5/5 at 64×64): each class, in label order, is shuffled
/// with the stream (seed, "split") and cut into round(n·train), round(n·val) and the rest. Each part is returned in
/// ascending original sample index (so class 0 comes first); training shuffles its own batches.
/// </summary>
public static class XaiTrisSplit
{
    public static (int[] Train, int[] Val, int[] Test) Indices(int seed, int samples, int size)
    {
        var (trainFraction, valFraction, _) = XaiTrisCatalog.SplitFractions(size);
        var random = SeedStream.Open(seed, "split");
        var train = new List<int>(samples);
        var val = new List<int>();
        var test = new List<int>();
        int half = samples / 2;
        foreach (int start in (int[])[0, half])
        {
            int count = start == 0 ? half : samples - half;
            var members = new int[count];
            for (int i = 0; i < count; i++) members[i] = start + i;
            random.Shuffle(members);
            int trainCount = (int)Math.Round(count * trainFraction, MidpointRounding.AwayFromZero);
            int valCount = (int)Math.Round(count * valFraction, MidpointRounding.AwayFromZero);
            train.AddRange(members[..trainCount]);
            val.AddRange(members[trainCount..(trainCount + valCount)]);
            test.AddRange(members[(trainCount + valCount)..]);
        }
        return (Sorted(train), Sorted(val), Sorted(test));
    }

    static int[] Sorted(List<int> indices)
    {
        var array = indices.ToArray();
        Array.Sort(array);
        return array;
    }
}
