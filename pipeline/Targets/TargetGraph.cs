using System.Text;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Targets;

/// <summary>The targets and their declared dependencies; resolves what a --target needs, in order.</summary>
public sealed class TargetGraph
{
    readonly Dictionary<Type, Target> _byType = [];

    public TargetGraph(IEnumerable<Target> targets)
    {
        foreach (var target in targets) _byType[target.GetType()] = target;
        foreach (var target in _byType.Values)
            foreach (var dependency in target.Dependencies)
                if (!_byType.ContainsKey(dependency))
                    throw new InvalidOperationException($"{target.Name} depends on {dependency.Name}, which is not registered");
        _ = Order(_byType.Values);
    }

    public IEnumerable<Target> Targets => Order(_byType.Values);

    /// <summary>The stages of the targets marked <see cref="LongRunningAttribute"/>.</summary>
    public IReadOnlyList<string> LongRunningStages() => Targets.Where(t => t.IsLongRunning).Select(t => t.Name).ToList();

    public Target Find(string name) =>
        _byType.Values.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", Targets.Select(t => t.Name))}");

    /// <summary>The target and everything it depends on, dependencies first.</summary>
    public IReadOnlyList<Target> Closure(Target target)
    {
        var needed = new HashSet<Target>();
        void Visit(Target t)
        {
            if (!needed.Add(t)) return;
            foreach (var dependency in t.Dependencies) Visit(_byType[dependency]);
        }
        Visit(target);
        return Order(needed);
    }

    /// <summary>
    /// Plans what <paramref name="target"/> reads: the units of its closure are created in dependency order (a target
    /// names its inputs among the units made before it), then only the target's own units and the units they read,
    /// transitively, are kept. A dependency target's unit that nothing of the target reads is not planned.
    /// Each robustness variant of the config is planned the same way and merged in (<see cref="PlanContext.Merge"/>):
    /// it adds only the units whose key its overrides change. Targets that read every variant (the report) come last.
    /// </summary>
    public PlanContext PlanUnits(Target target, PlanContext context)
    {
        var closure = Closure(target);
        var perConfig = closure.Where(t => !t.ReadsVariants).ToList();
        var own = new List<WorkUnit>();
        foreach (var t in perConfig)
            foreach (var unit in t.CreateUnits(context))
            {
                context.Add(unit);
                if (t == target) own.Add(unit);
            }
        foreach (var variant in context.Config.Variants)
        {
            var alone = new PlanContext(variant.Config, context.Settings, context.Code) { Facts = context.Facts };
            var variantOwn = new List<WorkUnit>();
            foreach (var t in perConfig)
                foreach (var unit in t.CreateUnits(alone))
                {
                    alone.Add(unit);
                    if (t == target) variantOwn.Add(unit);
                }
            var merged = context.Merge(variant, alone.Units);
            own.AddRange(variantOwn.Select(u => merged.Units[u.Id]).Where(u => !own.Contains(u)));
        }
        foreach (var t in closure.Where(t => t.ReadsVariants))
            foreach (var unit in t.CreateUnits(context))
            {
                context.Add(unit);
                if (t == target) own.Add(unit);
            }
        context.KeepOnlyWhatFeeds(own);
        context.PruneVariants();
        return context;
    }

    public string RenderTree(Target root)
    {
        var text = new StringBuilder();
        void Render(Target t, string indent, bool last, bool top)
        {
            text.Append(top ? "" : indent + (last ? "└── " : "├── ")).Append(t.Name).Append("  ").Append(t.Description).Append('\n');
            var children = t.Dependencies.Select(d => _byType[d]).ToList();
            for (int i = 0; i < children.Count; i++)
                Render(children[i], top ? "" : indent + (last ? "    " : "│   "), i == children.Count - 1, false);
        }
        Render(root, "", true, true);
        return text.ToString();
    }

    List<Target> Order(IEnumerable<Target> subset)
    {
        var set = subset.ToHashSet();
        var ordered = new List<Target>();
        var state = new Dictionary<Target, int>();
        void Visit(Target t, Stack<Target> path)
        {
            if (state.TryGetValue(t, out int s))
            {
                if (s == 1) throw new InvalidOperationException("target cycle: " + string.Join(" -> ", path.Reverse().Select(p => p.Name)) + " -> " + t.Name);
                return;
            }
            state[t] = 1;
            path.Push(t);
            foreach (var dependency in t.Dependencies.Select(d => _byType[d]).Where(set.Contains)) Visit(dependency, path);
            path.Pop();
            state[t] = 2;
            ordered.Add(t);
        }
        foreach (var t in set.OrderBy(t => t.Name, StringComparer.Ordinal)) Visit(t, new Stack<Target>());
        return ordered;
    }
}
