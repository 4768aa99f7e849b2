"""The one intrinsic resolver of deploy-check: a template's values computed against the deployed resources,
independently of moto's own resolution (Ref and Fn::GetAtt from what the API returns, then Fn::Sub, Fn::Join,
Fn::Select, Fn::Split, Fn::If and the condition functions, Fn::FindInMap, Fn::GetAZs)."""


class Unresolved(Exception):
    """A value the harness cannot compute (a GetAtt of a type it does not model): the check is skipped."""


# Pseudo parameters that do not depend on the stack.
PARTITION, URL_SUFFIX = "aws", "amazonaws.com"
LIST_TYPES = ("CommaDelimitedList",)


class Deployment:
    """What a resolver needs of a deployed stack: its name, account and region, the physical ID of each logical ID,
    the parameter values it was deployed with, and `attribute(logical_id, type, name)` (raises Unresolved)."""

    def __init__(self, name, account, region, physical, parameters, attribute):
        self.name, self.account, self.region = name, account, region
        self.physical, self.parameters, self.attribute = physical, parameters, attribute


class Resolver:
    """Resolves the values of `template` against `deployment`."""

    def __init__(self, template, deployment):
        self.template, self.deployment = template, deployment
        self.resources = template.get("Resources") or {}
        self.conditions = {}

    def property(self, logical_id, name, default=None):
        """A resource property, resolved (`default`, resolved, when absent)."""
        return self.resolve((self.resources[logical_id].get("Properties") or {}).get(name, default))

    def pseudo(self, name):
        d = self.deployment
        return {"AWS::AccountId": d.account, "AWS::Region": d.region, "AWS::Partition": PARTITION,
                "AWS::URLSuffix": URL_SUFFIX, "AWS::StackName": d.name, "AWS::NoValue": None}.get(name)

    def ref(self, name):
        if name.startswith("AWS::"):
            return self.pseudo(name)
        parameters = self.template.get("Parameters") or {}
        if name in self.deployment.parameters:
            value = self.deployment.parameters[name]
            kind = parameters.get(name, {}).get("Type", "String")
            return value.split(",") if kind.startswith("List<") or kind in LIST_TYPES else value
        if name in parameters:
            return parameters[name].get("Default")
        if name not in self.deployment.physical:
            raise Unresolved(f"Ref {name}: no such deployed resource")
        return self.deployment.physical[name]

    def get_att(self, logical_id, attribute):
        if logical_id not in self.deployment.physical:
            raise Unresolved(f"GetAtt {logical_id}.{attribute}: no such deployed resource")
        resource_type = (self.resources.get(logical_id) or {}).get("Type")
        return self.deployment.attribute(logical_id, resource_type, attribute)

    def condition(self, name):
        if name not in self.conditions:
            self.conditions[name] = bool(self.resolve(self.template["Conditions"][name]))
        return self.conditions[name]

    def resolve(self, value):
        """`value` with its intrinsic functions evaluated; AWS::NoValue drops a list item or an object member."""
        if isinstance(value, list):
            return [item for item in (self.resolve(v) for v in value) if item is not None]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (name, argument), = value.items()
            function = self.FUNCTIONS.get(name)
            if function:
                return function(self, argument)
            if name.startswith("Fn::"):
                raise Unresolved(name)
        return {key: resolved for key, resolved in ((k, self.resolve(v)) for k, v in value.items()) if resolved is not None}

    def _get_att(self, argument):
        logical_id, attribute = argument if isinstance(argument, list) else argument.split(".", 1)
        return self.get_att(logical_id, attribute)

    def _find_in_map(self, argument):
        keys = [self.resolve(a) for a in argument]
        return self.template["Mappings"][keys[0]][keys[1]][keys[2]]

    FUNCTIONS = {
        "Ref": lambda self, a: self.ref(a),
        "Fn::GetAtt": _get_att,
        "Fn::Join": lambda self, a: a[0].join(str(part) for part in self.resolve(a[1])),
        "Fn::Select": lambda self, a: self.resolve(a[1])[int(self.resolve(a[0]))],
        "Fn::Split": lambda self, a: self.resolve(a[1]).split(a[0]),
        "Fn::Sub": lambda self, a: self.substitute(a),
        "Fn::If": lambda self, a: self.resolve(a[1] if self.condition(a[0]) else a[2]),
        "Fn::Equals": lambda self, a: self.resolve(a[0]) == self.resolve(a[1]),
        "Fn::Not": lambda self, a: not self.resolve(a[0]),
        "Fn::And": lambda self, a: all(self.resolve(x) for x in a),
        "Fn::Or": lambda self, a: any(self.resolve(x) for x in a),
        "Condition": lambda self, a: self.condition(a),
        "Fn::FindInMap": _find_in_map,
        "Fn::GetAZs": lambda self, a: [f"{self.deployment.region}{zone}" for zone in "abc"],
    }

    def substitute(self, argument):
        """Fn::Sub: `${Name}` (a variable, a Ref, or `${Id.Attribute}`), `${!Literal}` kept as `${Literal}`."""
        text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])
        out, i = [], 0
        while True:
            start = text.find("${", i)
            if start < 0:
                out.append(text[i:])
                return "".join(out)
            out.append(text[i:start])
            if text.startswith("${!", start):
                out.append("${")
                i = start + 3
                continue
            end = text.index("}", start)
            name = text[start + 2:end].strip()
            if name in variables:
                value = self.resolve(variables[name])
            elif "." in name and not name.startswith("AWS::"):
                value = self.get_att(*name.split(".", 1))
            else:
                value = self.ref(name)
            out.append(str(value))
            i = end + 1
