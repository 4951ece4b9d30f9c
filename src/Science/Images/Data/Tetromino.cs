namespace Agop.Science.Images.Data;

/// <summary>A binary tetromino shape (rows top to bottom); T marks class 0 and L class 1 in XAI-TRIS.</summary>
public sealed class Tetromino
{
    readonly bool[] cells;

    Tetromino(int height, int width, bool[] cells)
    {
        Height = height;
        Width = width;
        this.cells = cells;
    }

    public int Height { get; }
    public int Width { get; }

    public bool this[int row, int col] => cells[row * Width + col];

    public static Tetromino T { get; } = FromRows([[1, 0], [1, 1], [1, 0]]);
    public static Tetromino L { get; } = FromRows([[1, 0], [1, 0], [1, 1]]);

    /// <summary>The class's shape: T for class 0, L for class 1.</summary>
    public static Tetromino ForClass(long label) => label == 0 ? T : L;

    public static Tetromino FromRows(int[][] rows)
    {
        int height = rows.Length, width = rows[0].Length;
        var cells = new bool[height * width];
        for (int r = 0; r < height; r++)
        {
            if (rows[r].Length != width) throw new ArgumentException("tetromino rows must have equal length", nameof(rows));
            for (int c = 0; c < width; c++) cells[r * width + c] = rows[r][c] != 0;
        }
        return new Tetromino(height, width, cells);
    }

    /// <summary>numpy <c>rot90(shape, k)</c>: k quarter turns counter-clockwise (negative k turns clockwise).</summary>
    public Tetromino Rotate(int k)
    {
        var shape = this;
        for (int turn = 0; turn < ((k % 4) + 4) % 4; turn++) shape = shape.RotateOnce();
        return shape;
    }

    // rot90 once: out[i][j] = in[j][W - 1 - i], so the shape becomes W×H.
    Tetromino RotateOnce()
    {
        var rotated = new bool[cells.Length];
        for (int i = 0; i < Width; i++)
            for (int j = 0; j < Height; j++)
                rotated[i * Height + j] = this[j, Width - 1 - i];
        return new Tetromino(Width, Height, rotated);
    }

    public int[][] ToRows()
    {
        var rows = new int[Height][];
        for (int r = 0; r < Height; r++)
        {
            rows[r] = new int[Width];
            for (int c = 0; c < Width; c++) rows[r][c] = this[r, c] ? 1 : 0;
        }
        return rows;
    }
}
