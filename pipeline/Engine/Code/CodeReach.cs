using System.Reflection;
using System.Reflection.Emit;

namespace Agop.Pipeline.Engine.Code;

/// <summary>
/// The project source files whose compiled code a unit can run, found by walking the IL call graph of the project
/// assemblies (those named <c>Agop.*</c>) from the unit's body and from what its settings carry:
/// <list type="bullet">
/// <item>calls, <c>newobj</c> and delegate creation (<c>ldftn</c>: lambdas, local functions, method groups) reach the method;</item>
/// <item>touching a type (a call, a field, a type token) reaches its static constructor, so static field initialisers count;</item>
/// <item>a type that can be instantiated reaches all its constructors and every virtual method it declares, so a virtual or
///   interface call reaches each implementation that can exist at run time (rapid type analysis). A type counts as
///   instantiable when the walk creates it, names it as a type (typeof, a generic argument, a cast: reflection and
///   serializers may create it), or an object of it is in the unit's settings;</item>
/// <item>delegates in the settings (a method's factory) are roots of their own.</item>
/// </list>
/// Methods map to files through the portable PDBs. What the IL cannot show is a constant or a default parameter value
/// of another file: the compiler copies its value into the caller.
/// </summary>
public sealed class CodeReach
{
    const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    readonly SourceDocuments _documents;
    readonly Dictionary<MethodBase, Edges> _edges = [];
    readonly Dictionary<string, IReadOnlySet<string>> _byRoots = new(StringComparer.Ordinal);
    readonly object _gate = new();

    public CodeReach(string repoRoot) => _documents = new SourceDocuments(repoRoot);

    /// <summary>What one method's body refers to.</summary>
    sealed record Edges(IReadOnlyList<MethodBase> Methods, IReadOnlyList<Type> Touched, IReadOnlyList<Type> Instantiated);

    public static bool IsProject(Assembly assembly) => assembly.GetName().Name?.StartsWith("Agop.", StringComparison.Ordinal) == true;

    /// <summary>The repository-relative source files reachable from <paramref name="body"/> and from <paramref name="settings"/>.</summary>
    public IReadOnlySet<string> Files(Delegate body, object? settings)
    {
        var methods = new List<MethodBase>();
        var types = new HashSet<Type>();
        AddDelegate(body, methods, types);
        CollectSettings(settings, methods, types, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return Files(methods, types);
    }

    /// <summary>The files reachable from these methods, with these types instantiable from the start.</summary>
    public IReadOnlySet<string> Files(IEnumerable<MethodBase> roots, IEnumerable<Type> instantiated)
    {
        var rootList = roots.Select(Definition).Where(m => m is not null).Select(m => m!).Distinct().ToList();
        var typeList = instantiated.SelectMany(ProjectTypesIn).Distinct().ToList();
        string signature = string.Join(";", rootList.Select(Describe).Order(StringComparer.Ordinal)) + "|" +
                           string.Join(";", typeList.Select(t => t.AssemblyQualifiedName).Order(StringComparer.Ordinal));
        lock (_gate)
        {
            if (_byRoots.TryGetValue(signature, out var known)) return known;
            var files = Walk(rootList, typeList);
            _byRoots[signature] = files;
            return files;
        }
    }

    IReadOnlySet<string> Walk(IReadOnlyList<MethodBase> roots, IReadOnlyList<Type> instantiated)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var reached = new HashSet<MethodBase>();
        var touched = new HashSet<Type>();
        var created = new HashSet<Type>();
        var work = new Stack<MethodBase>();

        void Reach(MethodBase method)
        {
            if (reached.Add(method)) work.Push(method);
        }
        void Touch(Type type)
        {
            if (!touched.Add(type)) return;
            if (type.TypeInitializer is { } cctor) Reach(cctor);
        }
        void Create(Type type)
        {
            if (!created.Add(type)) return;
            Touch(type);
            foreach (var ctor in type.GetConstructors(All).Where(c => !c.IsStatic)) Reach(ctor);
            foreach (var method in type.GetMethods(All).Where(m => m.IsVirtual && !m.IsAbstract)) Reach(method);
            if (type.BaseType is { } baseType && IsProject(baseType.Assembly)) Create(baseType.IsGenericType ? baseType.GetGenericTypeDefinition() : baseType);
        }

        foreach (var type in instantiated) Create(type);
        foreach (var root in roots) Reach(root);
        while (work.Count > 0)
        {
            var method = work.Pop();
            files.UnionWith(_documents.Of(method));
            if (method.DeclaringType is { } declaring) Touch(declaring);
            var edges = EdgesOf(method);
            foreach (var type in edges.Touched) Touch(type);
            foreach (var type in edges.Instantiated) Create(type);
            foreach (var callee in edges.Methods) Reach(callee);
        }
        return files;
    }

    Edges EdgesOf(MethodBase method)
    {
        if (_edges.TryGetValue(method, out var known)) return known;
        var methods = new List<MethodBase>();
        var touched = new List<Type>();
        var instantiated = new List<Type>();
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is not null)
        {
            var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            foreach (var (code, token) in IlOperands.Tokens(il))
            {
                var member = Resolve(method, token, typeArgs, methodArgs, code);
                switch (member)
                {
                    case MethodBase callee:
                        foreach (var type in ProjectTypesIn(callee.DeclaringType)) touched.Add(type);
                        foreach (var type in callee.IsGenericMethod ? callee.GetGenericArguments().SelectMany(ProjectTypesIn) : []) instantiated.Add(type);
                        if (callee.DeclaringType is { IsGenericType: true } generic)
                            instantiated.AddRange(generic.GetGenericArguments().SelectMany(ProjectTypesIn));
                        if (Definition(callee) is { } definition)
                        {
                            methods.Add(definition);
                            if (code == OpCodes.Newobj && definition.DeclaringType is { } made) instantiated.Add(made);
                        }
                        break;
                    case FieldInfo field:
                        touched.AddRange(ProjectTypesIn(field.DeclaringType));
                        break;
                    case Type type:
                        instantiated.AddRange(ProjectTypesIn(type));
                        break;
                }
            }
        }
        var edges = new Edges(methods, touched, instantiated);
        _edges[method] = edges;
        return edges;
    }

    static MemberInfo? Resolve(MethodBase method, int token, Type[]? typeArgs, Type[]? methodArgs, OpCode code)
    {
        try
        {
            return method.Module.ResolveMember(token, typeArgs, methodArgs);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException)
        {
            throw new InvalidOperationException($"cannot resolve the operand 0x{token:X8} of {code.Name} in {Describe(method)}: {e.Message}", e);
        }
    }

    /// <summary>The project method's definition (open generic, in its module), or null for a method outside the project.</summary>
    static MethodBase? Definition(MethodBase method)
    {
        if (!IsProject(method.Module.Assembly)) return null;
        return method.Module.ResolveMethod(method.MetadataToken);
    }

    /// <summary>The project type definitions named by <paramref name="type"/>: itself, its generic arguments, element types.</summary>
    static IEnumerable<Type> ProjectTypesIn(Type? type)
    {
        if (type is null || type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var t in ProjectTypesIn(type.GetElementType())) yield return t;
            yield break;
        }
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
                foreach (var t in ProjectTypesIn(argument)) yield return t;
            if (!type.IsGenericTypeDefinition) type = type.GetGenericTypeDefinition();
        }
        if (IsProject(type.Assembly)) yield return type;
    }

    static void AddDelegate(Delegate callback, List<MethodBase> methods, HashSet<Type> types)
    {
        foreach (var single in callback.GetInvocationList())
        {
            methods.Add(single.Method);
            if (single.Target is { } target) types.Add(target.GetType());
        }
    }

    /// <summary>The types of the objects in the settings and the delegates they carry (fields, recursively; collections by their items).</summary>
    static void CollectSettings(object? value, List<MethodBase> methods, HashSet<Type> types, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value)) return;
        if (value is Delegate callback)
        {
            AddDelegate(callback, methods, types);
            return;
        }
        var type = value.GetType();
        types.Add(type);
        if (value is System.Collections.IEnumerable items && !IsProject(type.Assembly))
        {
            foreach (var item in items) CollectSettings(item, methods, types, seen);
            return;
        }
        if (!IsProject(type.Assembly))
        {
            // A pair or tuple holding project objects (a dictionary's entries); other framework objects are leaves.
            if (type.IsGenericType)
                foreach (var field in type.GetFields(All).Where(f => !f.IsStatic)) CollectSettings(field.GetValue(value), methods, types, seen);
            return;
        }
        for (var t = type; t is not null && IsProject(t.Assembly); t = t.BaseType)
            foreach (var field in t.GetFields(All).Where(f => !f.IsStatic))
                CollectSettings(field.GetValue(value), methods, types, seen);
    }

    static string Describe(MethodBase method) => $"{method.DeclaringType?.FullName}::{method.Name} ({method.Module.Name} 0x{method.MetadataToken:X8})";
}
