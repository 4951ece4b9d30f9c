namespace Agop.Science.Images.Data;

/// <summary>One CLEVR-XAI question: <see cref="Index"/> counts simple questions first, then complex; <see cref="Image"/> indexes the sorted image files.</summary>
public sealed record ClevrXaiQuestion(int Index, string Set, int SetIndex, int Image, string Text);
