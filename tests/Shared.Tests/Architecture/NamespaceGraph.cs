using Mono.Cecil;

namespace CampaignMcp.Tests.Architecture;

/// <summary>
/// The namespaces of one compiled assembly and which of them use which, read from its metadata and IL:
/// base types, interfaces, members' signatures, attributes and every type, method or field an
/// instruction names. Nested and compiler-generated types count for the namespace that declares them.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, SortedSet<string>> edges = new(StringComparer.Ordinal);

    private NamespaceGraph(string rootNamespace) => RootNamespace = rootNamespace;

    public string RootNamespace { get; }

    public IEnumerable<string> Namespaces => edges.Keys.Order(StringComparer.Ordinal);

    public IReadOnlySet<string> UsesOf(string ns) => edges.TryGetValue(ns, out var used) ? used : new SortedSet<string>();

    public static NamespaceGraph Read(string assemblyPath, string rootNamespace)
    {
        var graph = new NamespaceGraph(rootNamespace);
        using var resolver = new DefaultAssemblyResolver();
        foreach (var directory in SearchDirectories(assemblyPath))
        {
            resolver.AddSearchDirectory(directory);
        }

        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath, new ReaderParameters { AssemblyResolver = resolver });
        foreach (var type in assembly.MainModule.Types)
        {
            var from = type.Namespace;
            if (!graph.Owns(from))
            {
                continue;
            }

            graph.edges.TryAdd(from, new SortedSet<string>(StringComparer.Ordinal));
            graph.AddType(from, type);
        }

        return graph;
    }

    /// <summary>
    /// The same graph with every namespace folded into its top-level feature (<c>CampaignMcp.Tokens.Grants</c> into
    /// <c>CampaignMcp.Tokens</c>): the folders of <c>src/Shared</c>, whose order docs/development.md describes.
    /// </summary>
    public NamespaceGraph TopLevel()
    {
        var folded = new NamespaceGraph(RootNamespace);
        foreach (var (from, uses) in edges)
        {
            var fromTop = TopLevelOf(from);
            folded.edges.TryAdd(fromTop, new SortedSet<string>(StringComparer.Ordinal));
            foreach (var to in uses.Select(TopLevelOf).Where(to => to != fromTop))
            {
                folded.edges[fromTop].Add(to);
            }
        }

        return folded;
    }

    /// <summary>Groups of two or more namespaces that reach each other (Tarjan's strongly connected components).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowLinks = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in UsesOf(node))
            {
                if (!indices.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], nextIndex);
                }
            }

            if (lowLinks[node] == indices[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    components.Add(component);
                }
            }
        }

        foreach (var node in Namespaces)
        {
            if (!indices.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }

    /// <summary>The assembly's folder and this runtime's shared frameworks, where attribute arguments' enum types live.</summary>
    private static IEnumerable<string> SearchDirectories(string assemblyPath)
    {
        yield return Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var shared = Path.GetDirectoryName(Path.GetDirectoryName(runtime))!;
        var version = Path.GetFileName(runtime);
        foreach (var framework in Directory.EnumerateDirectories(shared))
        {
            var same = Path.Combine(framework, version);
            if (Directory.Exists(same))
            {
                yield return same;
            }
        }
    }

    private string TopLevelOf(string ns)
    {
        if (ns.Length <= RootNamespace.Length)
        {
            return ns;
        }

        var next = ns.IndexOf('.', RootNamespace.Length + 1);
        return next < 0 ? ns : ns[..next];
    }

    private bool Owns(string ns) => ns == RootNamespace || ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal);

    private void AddType(string from, TypeDefinition type)
    {
        Use(from, type.BaseType);
        foreach (var implemented in type.Interfaces)
        {
            Use(from, implemented.InterfaceType);
        }

        AddAttributes(from, type);
        AddGenericParameters(from, type);
        foreach (var field in type.Fields)
        {
            Use(from, field.FieldType);
            AddAttributes(from, field);
        }

        foreach (var property in type.Properties)
        {
            Use(from, property.PropertyType);
            AddAttributes(from, property);
        }

        foreach (var method in type.Methods)
        {
            AddMethod(from, method);
        }

        foreach (var nested in type.NestedTypes)
        {
            AddType(from, nested);
        }
    }

    private void AddMethod(string from, MethodDefinition method)
    {
        Use(from, method.ReturnType);
        AddAttributes(from, method);
        AddGenericParameters(from, method);
        foreach (var parameter in method.Parameters)
        {
            Use(from, parameter.ParameterType);
        }

        if (!method.HasBody)
        {
            return;
        }

        foreach (var variable in method.Body.Variables)
        {
            Use(from, variable.VariableType);
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference typeOperand:
                    Use(from, typeOperand);
                    break;
                case MethodReference methodOperand:
                    UseMethod(from, methodOperand);
                    break;
                case FieldReference fieldOperand:
                    Use(from, fieldOperand.DeclaringType);
                    Use(from, fieldOperand.FieldType);
                    break;
                case CallSite callSite:
                    Use(from, callSite.ReturnType);
                    break;
                default:
                    break;
            }
        }
    }

    private void UseMethod(string from, MethodReference method)
    {
        Use(from, method.DeclaringType);
        Use(from, method.ReturnType);
        foreach (var parameter in method.Parameters)
        {
            Use(from, parameter.ParameterType);
        }

        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                Use(from, argument);
            }
        }
    }

    private void AddAttributes(string from, ICustomAttributeProvider provider)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            Use(from, attribute.AttributeType);
            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Value is TypeReference typeArgument)
                {
                    Use(from, typeArgument);
                }
            }
        }
    }

    private void AddGenericParameters(string from, IGenericParameterProvider provider)
    {
        foreach (var parameter in provider.GenericParameters)
        {
            foreach (var constraint in parameter.Constraints)
            {
                Use(from, constraint.ConstraintType);
            }
        }
    }

    private void Use(string from, TypeReference? type)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                return;
            case GenericInstanceType generic:
                Use(from, generic.ElementType);
                foreach (var argument in generic.GenericArguments)
                {
                    Use(from, argument);
                }

                return;
            case TypeSpecification specification:
                Use(from, specification.ElementType);
                return;
            default:
                break;
        }

        var outer = type;
        while (outer.DeclaringType is not null)
        {
            outer = outer.DeclaringType;
        }

        var to = outer.Namespace;
        if (to != from && Owns(to))
        {
            edges.TryAdd(from, new SortedSet<string>(StringComparer.Ordinal));
            edges[from].Add(to);
        }
    }
}
