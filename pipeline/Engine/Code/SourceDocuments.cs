using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Agop.Pipeline.Engine.Code;

/// <summary>
/// Which source files a project method was compiled from, read from its assembly's portable PDB. A method without
/// sequence points (a record's generated Equals, an abstract member) counts as written in its outermost type's files.
/// Paths are repository-relative; files outside <c>repoRoot</c> or under an <c>obj/</c> folder (generated) are left out.
/// </summary>
sealed class SourceDocuments(string repoRoot)
{
    readonly string _root = Path.GetFullPath(repoRoot).TrimEnd('/', '\\') + "/";
    readonly Dictionary<Assembly, (MetadataReaderProvider Provider, MetadataReader Reader)> _pdbs = []; // the provider owns the reader's memory
    readonly Dictionary<MethodBase, IReadOnlyList<string>> _byMethod = [];
    readonly Dictionary<Type, IReadOnlyList<string>> _byType = [];

    public IReadOnlyList<string> Of(MethodBase method)
    {
        lock (_byMethod)
        {
            if (_byMethod.TryGetValue(method, out var known)) return known;
            IReadOnlyList<string> files = Own(method);
            if (files.Count == 0) files = OfType(Outermost(method.DeclaringType!));
            _byMethod[method] = files;
            return files;
        }
    }

    IReadOnlyList<string> OfType(Type type)
    {
        if (_byType.TryGetValue(type, out var known)) return known;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in new[] { type }.Concat(type.GetNestedTypes(all)))
            foreach (var m in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
                files.UnionWith(Own(m));
        if (files.Count == 0) files.UnionWith(Declared(type)); // an interface or a type with no method bodies
        var list = files.ToList();
        _byType[type] = list;
        return list;
    }

    /// <summary>Roslyn's record of where a type without method bodies is declared (custom debug information "TypeDefinitionDocuments").</summary>
    static readonly Guid TypeDefinitionDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    IEnumerable<string> Declared(Type type)
    {
        var pdb = Pdb(type.Module.Assembly);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var handle = MetadataTokens.TypeDefinitionHandle(type.MetadataToken & 0xFFFFFF);
        foreach (var info in pdb.GetCustomDebugInformation(handle))
        {
            var entry = pdb.GetCustomDebugInformation(info);
            if (pdb.GetGuid(entry.Kind) != TypeDefinitionDocuments) continue;
            var blob = pdb.GetBlobReader(entry.Value);
            while (blob.RemainingBytes > 0) Add(files, pdb, MetadataTokens.DocumentHandle(blob.ReadCompressedInteger()));
        }
        return files;
    }

    static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    List<string> Own(MethodBase method)
    {
        var pdb = Pdb(method.Module.Assembly);
        var handle = MetadataTokens.MethodDefinitionHandle(method.MetadataToken & 0xFFFFFF);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var info = pdb.GetMethodDebugInformation(handle);
        if (!info.Document.IsNil) Add(files, pdb, info.Document);
        if (!info.SequencePointsBlob.IsNil)
            foreach (var point in info.GetSequencePoints())
                if (!point.Document.IsNil) Add(files, pdb, point.Document);
        return files.ToList();
    }

    void Add(SortedSet<string> files, MetadataReader pdb, DocumentHandle document)
    {
        string path = Path.GetFullPath(pdb.GetString(pdb.GetDocument(document).Name)).Replace('\\', '/');
        if (!path.StartsWith(_root, StringComparison.Ordinal)) return;
        string relative = path[_root.Length..];
        if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)) return;
        files.Add(relative);
    }

    MetadataReader Pdb(Assembly assembly)
    {
        if (_pdbs.TryGetValue(assembly, out var known)) return known.Reader;
        string file = Path.ChangeExtension(assembly.Location, ".pdb");
        if (!File.Exists(file))
            throw new InvalidOperationException($"code keys need the portable PDB of {assembly.GetName().Name} next to it ({file} is missing); " +
                                                "build or publish with debug symbols (the default)");
        var provider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(file));
        var reader = provider.GetMetadataReader();
        _pdbs[assembly] = (provider, reader);
        return reader;
    }
}
