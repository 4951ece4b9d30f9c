namespace Agop.Science.Data;

/// <summary>A seeded stratified train/test split: each class keeps its share in both parts.</summary>
public static class StratifiedSplit
{
    public static (int[] Train, int[] Test) Split(IReadOnlyList<long> labels, double testFraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            int testCount = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            test.AddRange(members[..testCount]);
            train.AddRange(members[testCount..]);
        }
        var trainArray = train.ToArray();
        var testArray = test.ToArray();
        random.Shuffle(trainArray);
        random.Shuffle(testArray);
        return (trainArray, testArray);
    }
}
