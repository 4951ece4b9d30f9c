using SkiaSharp;

namespace Agop.Report;

/// <summary>A table as shown in the PDF (already formatted cells).</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string? Caption = null);

public abstract record ReportBlock;
public sealed record HeadingBlock(int Level, string Text) : ReportBlock;
public sealed record ParagraphBlock(string Text) : ReportBlock;
public sealed record BulletsBlock(IReadOnlyList<string> Items) : ReportBlock;
public sealed record TableBlock(ReportTable Table) : ReportBlock;
public sealed record CodeBlock(string Text) : ReportBlock;

/// <summary>A vector figure: <c>Draw</c> paints into the given rectangle of the page canvas.</summary>
public sealed record FigureBlock(float HeightRatio, Action<SKCanvas, SKRect> Draw, string Caption) : ReportBlock;

/// <summary>The whole report: a title page, then blocks in reading order.</summary>
public sealed record ReportDocument(string Title, IReadOnlyList<string> TitleLines, IReadOnlyList<ReportBlock> Blocks);
