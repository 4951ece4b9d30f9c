using System.Globalization;

namespace Agop.Science.Data.Real;

internal static class NumberCell
{
    public static bool TryParse(ReadOnlySpan<char> cell, out double value) =>
        double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
