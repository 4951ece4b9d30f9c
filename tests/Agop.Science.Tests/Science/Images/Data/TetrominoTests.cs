using Agop.Science.Images.Data;

namespace Agop.Tests.Science.Images.Data;

public class TetrominoTests
{
    // SPEC §10.2, spelled out there so nobody has to guess numpy's rot90 direction.
    public static TheoryData<string, int, int[][]> Rotations => new()
    {
        { "T", 0, [[1, 0], [1, 1], [1, 0]] },
        { "T", 1, [[0, 1, 0], [1, 1, 1]] },
        { "T", 2, [[0, 1], [1, 1], [0, 1]] },
        { "T", 3, [[1, 1, 1], [0, 1, 0]] },
        { "L", 0, [[1, 0], [1, 0], [1, 1]] },
        { "L", 1, [[0, 0, 1], [1, 1, 1]] },
        { "L", 2, [[1, 1], [0, 1], [0, 1]] },
        { "L", 3, [[1, 1, 1], [1, 0, 0]] },
    };

    [Theory]
    [MemberData(nameof(Rotations))]
    public void Rotate_is_numpy_rot90_counter_clockwise(string name, int k, int[][] expected)
    {
        var shape = name == "T" ? Tetromino.T : Tetromino.L;

        Assert.Equal(expected, shape.Rotate(k).ToRows());
    }

    [Fact]
    public void Four_turns_give_the_shape_back_and_negative_turns_go_clockwise()
    {
        Assert.Equal(Tetromino.L.ToRows(), Tetromino.L.Rotate(4).ToRows());
        Assert.Equal(Tetromino.T.Rotate(3).ToRows(), Tetromino.T.Rotate(-1).ToRows());
    }

    [Fact]
    public void Class_0_is_T_and_class_1_is_L()
    {
        Assert.Same(Tetromino.T, Tetromino.ForClass(0));
        Assert.Same(Tetromino.L, Tetromino.ForClass(1));
    }
}
