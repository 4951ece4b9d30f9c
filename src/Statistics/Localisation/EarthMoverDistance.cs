namespace Agop.Statistics.Localisation;

/// <summary>
/// Exact earth mover's distance between two distributions on an h×w pixel grid, with the Euclidean distance between
/// (row, col) pixel centres as ground cost (SPEC §10.5). Only pixels with positive mass take part, so the usual case
/// (a 4–8 pixel mask against a dense attribution) is an 8 × ≤64 transportation problem.
/// </summary>
/// <remarks>
/// Algorithm: the transportation simplex. A least-cost start (cells in increasing distance, ties by index; one line
/// crossed out per allocation, so the basis is always a spanning tree of m + n − 1 cells, degenerate zero cells
/// included), u–v potentials from the tree, Dantzig's most negative reduced cost to enter, the alternating cycle in
/// the tree to pivot. Ties for the leaving cell go to the lowest cell index; after a run of 2(m + n) degenerate
/// (zero-step) pivots the entering rule switches to Bland's (lowest index with a negative reduced cost) until a pivot
/// moves mass again, which rules out cycling in exact arithmetic; an iteration cap throws
/// <see cref="InvalidOperationException"/> rather than loop. The solve stops when no reduced cost is below
/// −1e-12·(1 + max cost); by LP duality the returned cost is then within that amount of the optimum (total mass 1).
/// Deterministic: no randomness and a fixed scan order. About 30 pivots for 8 × 64.
/// </remarks>
public static class EarthMoverDistance
{
    /// <summary>How far each input's total may be from 1.</summary>
    public const double MassTolerance = 1e-9;

    /// <summary>
    /// Minimal cost of moving <paramref name="supply"/> onto <paramref name="demand"/> (both length height·width,
    /// row-major, non-negative, finite, each summing to 1 within <see cref="MassTolerance"/>; each is rescaled to sum
    /// exactly 1 before solving). Cost of moving mass m between pixels p and q is m·‖p − q‖₂ in pixel units.
    /// </summary>
    public static double Solve(ReadOnlySpan<double> supply, ReadOnlySpan<double> demand, int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), "The grid needs height, width >= 1.");
        int pixels = checked(height * width);
        if (supply.Length != pixels) throw new ArgumentException($"supply has {supply.Length} values, the {height}x{width} grid {pixels}.", nameof(supply));
        if (demand.Length != pixels) throw new ArgumentException($"demand has {demand.Length} values, the {height}x{width} grid {pixels}.", nameof(demand));
        double supplySum = CheckedSum(supply, nameof(supply));
        double demandSum = CheckedSum(demand, nameof(demand));

        var solver = TransportationSimplex.ForThread(pixels);
        solver.SetGrid(height, width);
        int m = solver.Gather(supply, supplySum, isSupply: true);
        int n = solver.Gather(demand, demandSum, isSupply: false);
        return solver.Solve(m, n);
    }

    /// <summary>Pivots in the last solve on this thread (diagnostics).</summary>
    public static int LastPivotCount => TransportationSimplex.ForThread(1).Pivots;

    private static double CheckedSum(ReadOnlySpan<double> mass, string name)
    {
        double sum = 0;
        for (int i = 0; i < mass.Length; i++)
        {
            double v = mass[i];
            if (!double.IsFinite(v) || v < 0)
                throw new ArgumentException($"{name}[{i}] = {v}: masses must be finite and non-negative.", name);
            sum += v;
        }
        if (Math.Abs(sum - 1) > MassTolerance)
            throw new ArgumentException($"{name} sums to {sum:R}; a distribution must sum to 1 (within {MassTolerance}).", name);
        return sum;
    }

    /// <summary>Per-thread workspace, so that a solve allocates nothing once the buffers have grown.</summary>
    private sealed class TransportationSimplex
    {
        [ThreadStatic] private static TransportationSimplex? _instance;

        public static TransportationSimplex ForThread(int pixels)
        {
            var s = _instance ??= new TransportationSimplex();
            s.Ensure(pixels);
            return s;
        }

        private int _capacity, _height = -1, _width = -1;
        private int _m, _n;
        public int Pivots { get; private set; }

        // Grid: distance by (|Δrow|, |Δcol|); row and column of each source/sink.
        private double[] _distance = [];
        private int[] _sourceRow = [], _sourceCol = [], _sinkRow = [], _sinkCol = [];
        private double[] _sourceMass = [], _sinkMass = [];

        // Problem and basis (cells are r·n + c; the cell arrays grow with m·n, not with P²).
        private double[] _cost = [];
        private int[] _cellSlot = [];
        private int[] _basisRow = [], _basisCol = [];
        private double[] _basisFlow = [];

        // Spanning tree of the basis: nodes 0..m−1 are rows, m..m+n−1 columns.
        private int[] _adjStart = [], _adjFill = [], _adj = [];
        private int[] _parent = [], _parentEdge = [], _depth = [], _queue = [];
        private double[] _potential = [];
        private int[] _pathA = [], _pathB = [], _cycle = [];
        private int[] _bucketStart = [], _cellKey = [], _sortedCells = [];
        private double[] _rowLeft = [], _colLeft = [];
        private bool[] _rowDone = [], _colDone = [];

        private void Ensure(int pixels)
        {
            if (pixels <= _capacity) return;
            _capacity = pixels;
            int nodes = 2 * pixels, edges = 2 * pixels - 1;
            _distance = new double[pixels];
            _sourceRow = new int[pixels]; _sourceCol = new int[pixels]; _sinkRow = new int[pixels]; _sinkCol = new int[pixels];
            _sourceMass = new double[pixels]; _sinkMass = new double[pixels];
            _basisRow = new int[edges]; _basisCol = new int[edges]; _basisFlow = new double[edges];
            _adjStart = new int[nodes + 1]; _adjFill = new int[nodes]; _adj = new int[2 * edges];
            _parent = new int[nodes]; _parentEdge = new int[nodes]; _depth = new int[nodes]; _queue = new int[nodes];
            _potential = new double[nodes];
            _pathA = new int[nodes]; _pathB = new int[nodes]; _cycle = new int[nodes + 1];
            _rowLeft = new double[pixels]; _colLeft = new double[pixels]; _rowDone = new bool[pixels]; _colDone = new bool[pixels];
            _height = _width = -1;
        }

        public void SetGrid(int height, int width)
        {
            if (height == _height && width == _width) return;
            for (int dr = 0; dr < height; dr++)
                for (int dc = 0; dc < width; dc++)
                    _distance[dr * width + dc] = Math.Sqrt((double)dr * dr + (double)dc * dc);
            int buckets = (height - 1) * (height - 1) + (width - 1) * (width - 1) + 2;
            if (_bucketStart.Length < buckets) _bucketStart = new int[buckets];
            _height = height;
            _width = width;
        }

        public int Gather(ReadOnlySpan<double> mass, double sum, bool isSupply)
        {
            var amount = isSupply ? _sourceMass : _sinkMass;
            var row = isSupply ? _sourceRow : _sinkRow;
            var col = isSupply ? _sourceCol : _sinkCol;
            int count = 0;
            for (int i = 0; i < mass.Length; i++)
            {
                if (mass[i] <= 0) continue;
                amount[count] = mass[i] / sum;
                row[count] = i / _width;
                col[count] = i % _width;
                count++;
            }
            return count;
        }

        private double Distance(int row1, int col1, int row2, int col2) =>
            _distance[Math.Abs(row1 - row2) * _width + Math.Abs(col1 - col2)];

        public double Solve(int m, int n)
        {
            Pivots = 0;
            // One side concentrated on a single pixel: the only feasible plan moves everything to/from it.
            if (m == 1 || n == 1)
            {
                double direct = 0;
                if (m == 1) for (int c = 0; c < n; c++) direct += _sinkMass[c] * Distance(_sourceRow[0], _sourceCol[0], _sinkRow[c], _sinkCol[c]);
                else for (int r = 0; r < m; r++) direct += _sourceMass[r] * Distance(_sourceRow[r], _sourceCol[r], _sinkRow[0], _sinkCol[0]);
                return direct;
            }

            _m = m;
            _n = n;
            int cells = m * n;
            if (_cost.Length < cells)
            {
                _cost = new double[cells];
                _cellSlot = new int[cells];
                _cellKey = new int[cells];
                _sortedCells = new int[cells];
            }
            double maxCost = _distance[(_height - 1) * _width + _width - 1];
            double tolerance = 1e-12 * (1 + maxCost);

            for (int r = 0; r < m; r++)
            {
                int row = _sourceRow[r], col = _sourceCol[r];
                for (int c = 0; c < n; c++)
                {
                    _cost[r * n + c] = Distance(row, col, _sinkRow[c], _sinkCol[c]);
                    _cellSlot[r * n + c] = -1;
                }
            }
            LeastCostStart();

            int degenerateRun = 0, degenerateLimit = 2 * (m + n);
            int cap = 1000 + 50 * (m + n) * (m + n);
            while (true)
            {
                if (Pivots > cap)
                    throw new InvalidOperationException($"EMD transportation simplex did not converge in {cap} pivots ({m} sources, {n} sinks).");
                BuildTree();
                int enter = degenerateRun >= degenerateLimit ? BlandEntering(tolerance) : DantzigEntering(tolerance);
                if (enter < 0) break;
                double step = Pivot(enter);
                degenerateRun = step > 0 ? 0 : degenerateRun + 1;
                Pivots++;
            }

            double total = 0;
            for (int s = 0; s < m + n - 1; s++) total += _basisFlow[s] * _cost[_basisRow[s] * n + _basisCol[s]];
            return total;
        }

        /// <summary>
        /// Least-cost start: cells in increasing cost (a counting sort on the integer squared distance, ties by cell
        /// index), each uncrossed cell gets min(remaining supply, remaining demand), then exactly one of its lines is
        /// crossed out (the row when its supply is used up, else the column; never the last open row or column).
        /// That gives m + n − 1 cells forming a spanning tree, zero cells included.
        /// </summary>
        private void LeastCostStart()
        {
            int m = _m, n = _n, cells = m * n;
            int buckets = (_height - 1) * (_height - 1) + (_width - 1) * (_width - 1) + 1;
            var count = _bucketStart;
            Array.Clear(count, 0, buckets + 1);
            for (int r = 0; r < m; r++)
                for (int c = 0; c < n; c++)
                {
                    int dr = _sourceRow[r] - _sinkRow[c], dc = _sourceCol[r] - _sinkCol[c];
                    int key = dr * dr + dc * dc;
                    _cellKey[r * n + c] = key;
                    count[key + 1]++;
                }
            for (int b = 0; b < buckets; b++) count[b + 1] += count[b];
            for (int cell = 0; cell < cells; cell++) _sortedCells[count[_cellKey[cell]]++] = cell;

            var rowLeft = _rowLeft;
            var colLeft = _colLeft;
            Array.Copy(_sourceMass, rowLeft, m);
            Array.Copy(_sinkMass, colLeft, n);
            var rowDone = _rowDone;
            var colDone = _colDone;
            Array.Clear(rowDone, 0, m);
            Array.Clear(colDone, 0, n);
            int openRows = m, openCols = n, slot = 0;
            for (int k = 0; k < cells && slot < m + n - 1; k++)
            {
                int cell = _sortedCells[k], r = cell / n, c = cell % n;
                if (rowDone[r] || colDone[c]) continue;
                double x = Math.Min(rowLeft[r], colLeft[c]);
                _basisRow[slot] = r; _basisCol[slot] = c; _basisFlow[slot] = x;
                _cellSlot[cell] = slot;
                slot++;
                rowLeft[r] -= x;
                colLeft[c] -= x;
                bool crossRow = openCols == 1 || (openRows > 1 && rowLeft[r] <= colLeft[c]);
                if (crossRow) { rowDone[r] = true; openRows--; }
                else { colDone[c] = true; openCols--; }
            }
            if (slot != m + n - 1) throw new InvalidOperationException("EMD least-cost start did not build a full basis (internal error).");
        }

        /// <summary>Adjacency of the basis tree, then a breadth-first pass from row 0 for potentials, parents and depths.</summary>
        private void BuildTree()
        {
            int m = _m, n = _n, nodes = m + n, edges = nodes - 1;
            Array.Clear(_adjStart, 0, nodes + 1);
            for (int s = 0; s < edges; s++)
            {
                _adjStart[_basisRow[s] + 1]++;
                _adjStart[m + _basisCol[s] + 1]++;
            }
            for (int v = 0; v < nodes; v++) _adjStart[v + 1] += _adjStart[v];
            Array.Copy(_adjStart, _adjFill, nodes);
            for (int s = 0; s < edges; s++)
            {
                _adj[_adjFill[_basisRow[s]]++] = s;
                _adj[_adjFill[m + _basisCol[s]]++] = s;
            }

            for (int v = 0; v < nodes; v++) _depth[v] = -1;
            int head = 0, tail = 0;
            _queue[tail++] = 0;
            _depth[0] = 0;
            _parent[0] = -1;
            _parentEdge[0] = -1;
            _potential[0] = 0;
            while (head < tail)
            {
                int v = _queue[head++];
                for (int k = _adjStart[v]; k < _adjStart[v + 1]; k++)
                {
                    int s = _adj[k];
                    int row = _basisRow[s], col = m + _basisCol[s];
                    int w = v == row ? col : row;
                    if (_depth[w] >= 0) continue;
                    // u_r + v_c = cost on every basic cell.
                    _potential[w] = _cost[_basisRow[s] * n + _basisCol[s]] - _potential[v];
                    _depth[w] = _depth[v] + 1;
                    _parent[w] = v;
                    _parentEdge[w] = s;
                    _queue[tail++] = w;
                }
            }
            if (tail != nodes) throw new InvalidOperationException("EMD basis is not a spanning tree (internal error).");
        }

        private int DantzigEntering(double tolerance)
        {
            int m = _m, n = _n, enter = -1;
            double best = -tolerance;
            ReadOnlySpan<double> columnPotential = _potential.AsSpan(m, n);
            for (int r = 0; r < m; r++)
            {
                double u = _potential[r];
                int rowStart = r * n;
                ReadOnlySpan<double> cost = _cost.AsSpan(rowStart, n);
                for (int c = 0; c < cost.Length; c++)
                {
                    double reduced = cost[c] - u - columnPotential[c];
                    // Basic cells have reduced cost 0 up to rounding, far above −tolerance; the check is a guard.
                    if (reduced < best && _cellSlot[rowStart + c] < 0)
                    {
                        best = reduced;
                        enter = rowStart + c;
                    }
                }
            }
            return enter;
        }

        private int BlandEntering(double tolerance)
        {
            int m = _m, n = _n;
            for (int r = 0; r < m; r++)
                for (int c = 0; c < n; c++)
                    if (_cellSlot[r * n + c] < 0 && _cost[r * n + c] - _potential[r] - _potential[m + c] < -tolerance)
                        return r * n + c;
            return -1;
        }

        /// <summary>Brings cell <paramref name="enter"/> into the basis along its tree cycle; returns the mass moved.</summary>
        private double Pivot(int enter)
        {
            int m = _m, n = _n;
            int enterRow = enter / n, enterCol = enter % n;

            // Tree path from the entering column's node to the entering row's node.
            int x = m + enterCol, y = enterRow, lengthA = 0, lengthB = 0;
            while (_depth[x] > _depth[y]) { _pathA[lengthA++] = _parentEdge[x]; x = _parent[x]; }
            while (_depth[y] > _depth[x]) { _pathB[lengthB++] = _parentEdge[y]; y = _parent[y]; }
            while (x != y)
            {
                _pathA[lengthA++] = _parentEdge[x]; x = _parent[x];
                _pathB[lengthB++] = _parentEdge[y]; y = _parent[y];
            }
            int length = 0;
            for (int k = 0; k < lengthA; k++) _cycle[length++] = _pathA[k];
            for (int k = lengthB - 1; k >= 0; k--) _cycle[length++] = _pathB[k];

            // Cells at even positions lose mass (the first shares the entering column), odd ones gain it.
            int leaving = -1;
            double step = double.PositiveInfinity;
            int leavingCell = int.MaxValue;
            for (int k = 0; k < length; k += 2)
            {
                int s = _cycle[k];
                double flow = _basisFlow[s];
                int cell = _basisRow[s] * n + _basisCol[s];
                if (flow < step || (flow == step && cell < leavingCell))
                {
                    step = flow;
                    leaving = s;
                    leavingCell = cell;
                }
            }
            for (int k = 0; k < length; k++)
            {
                int s = _cycle[k];
                if ((k & 1) == 0) _basisFlow[s] -= step;
                else _basisFlow[s] += step;
            }

            _cellSlot[leavingCell] = -1;
            _basisRow[leaving] = enterRow;
            _basisCol[leaving] = enterCol;
            _basisFlow[leaving] = step;
            _cellSlot[enter] = leaving;
            return step;
        }
    }
}
