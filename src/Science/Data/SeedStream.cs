using System.Security.Cryptography;
using System.Text;

namespace Agop.Science.Data;

/// <summary>
/// Named, independent random streams derived from a run seed: the stream for (seed, "noise", method, index) never depends on
/// which other streams were drawn or in what order, so results do not depend on batch composition.
/// </summary>
public static class SeedStream
{
    /// <summary>A stable 31-bit seed for the stream named by <paramref name="seed"/> and the keys (SHA-256 of their invariant text).</summary>
    public static int Derive(int seed, params object[] keys)
    {
        var text = string.Join("\u001f", keys.Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)).Prepend(seed.ToString()));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }

    /// <summary>A <see cref="Random"/> over the named stream (System.Random with an explicit seed is stable across .NET versions).</summary>
    public static Random Open(int seed, params object[] keys) => new(Derive(seed, keys));
}
