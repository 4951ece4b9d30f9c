using System.Reflection;
using System.Reflection.Emit;

namespace Agop.Pipeline.Engine.Code;

/// <summary>The metadata tokens a method body's IL refers to, with the opcode that refers to each.</summary>
static class IlOperands
{
    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every (opcode, token) pair of <paramref name="il"/>, in order; instructions without a token operand are skipped.</summary>
    public static IEnumerable<(OpCode Code, int Token)> Tokens(byte[] il)
    {
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE && at + 1 < il.Length ? (short)(0xFE00 | il[at + 1]) : il[at];
            if (!OpCodesByValue.TryGetValue(value, out var code))
                throw new InvalidOperationException($"unknown IL opcode 0x{value:X} at offset {at}");
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    int targets = BitConverter.ToInt32(il, at);
                    at += 4 + 4 * targets;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return (code, BitConverter.ToInt32(il, at));
                    at += 4;
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    at += 4;
                    break;
            }
        }
    }
}
