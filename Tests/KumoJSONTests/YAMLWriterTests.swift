import Testing
@testable import KumoJSON

/// The CloudFormation YAML writer: layout, the quoting of every scalar a YAML reader could take for something
/// else, and the short forms of the intrinsic functions with the rules for when they are allowed. (That readers
/// read it all back as the same JSON is `YAMLReadBackTests` — Kumo's reader, libyaml — and scripts/test's
/// check-yaml-templates — cfn-lint's PyYAML.)
@Suite struct YAMLWriterTests {
    private func yaml(_ value: JSON) -> String { value.cloudFormationYAML() }

    @Test func blockLayout() throws {
        let template = try JSON(parsing: #"""
            {"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"Tags": [{"Key": "a", "Value": "b"}],
             "Empty": {}, "None": [], "Nested": [[1, 2], [{"x": true}]]}}}}
            """#)
        #expect(yaml(template) == """
            Resources:
              Repo:
                Type: AWS::ECR::Repository
                Properties:
                  Tags:
                    - Key: a
                      Value: b
                  Empty: {}
                  None: []
                  Nested:
                    - - 1
                      - 2
                    - - x: true

            """)
    }

    /// Scalars YAML 1.1 (PyYAML, SnakeYAML) or 1.2 (libyaml with Yams) would read as booleans, nulls, numbers or
    /// dates, or that its syntax would cut short, are quoted; the rest stay plain.
    @Test(arguments: [
        ("yes", "'yes'"), ("No", "'No'"), ("ON", "'ON'"), ("off", "'off'"), ("y", "'y'"), ("N", "'N'"),
        ("true", "'true'"), ("False", "'False'"), ("null", "'null'"), ("Null", "'Null'"), ("~", "'~'"), ("", "''"),
        ("0123", "'0123'"), ("0x1F", "'0x1F'"), ("1e3", "'1e3'"), ("1_000", "'1_000'"), ("-1", "'-1'"),
        (".5", "'.5'"), (".inf", "'.inf'"), (".NaN", "'.NaN'"), ("12:30", "'12:30'"), ("2012-10-17", "'2012-10-17'"),
        ("a: b", "'a: b'"), ("key:", "'key:'"), ("#comment", "'#comment'"), ("a #b", "'a #b'"), ("- item", "'- item'"),
        ("? q", "'? q'"), ("[x]", "'[x]'"), ("*", "'*'"), ("*alias", "'*alias'"), ("&anchor", "'&anchor'"),
        ("!Ref X", "'!Ref X'"), ("%dir", "'%dir'"), ("@at", "'@at'"), ("`tick", "'`tick'"), ("|pipe", "'|pipe'"),
        (">fold", "'>fold'"), ("it's", "'it''s'"), ("say \"hi\"", "'say \"hi\"'"), ("<<", "'<<'"), ("=", "'='"),
        (" leading", "' leading'"), ("trailing ", "'trailing '"), ("unicode ü", "'unicode ü'"),
        ("tab\there", #""tab\there""#), ("nel\u{85}x", #""nel\x85x""#), ("ls\u{2028}x", #""ls\u2028x""#),
        ("bom\u{FEFF}x", #""bom\uFEFFx""#), ("ctrl\u{1}x", #""ctrl\x01x""#), ("del\u{7F}x", #""del\x7Fx""#),
        ("cr\r\nlf", #""cr\r\nlf""#), ("back\\slash", "'back\\slash'"), ("back\\slash\t", #""back\\slash\t""#),
        ("AWS::IAM::Role", "AWS::IAM::Role"), ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/*"), ("a:b", "a:b"),
        ("${AWS::Region}", "${AWS::Region}"), ("/", "/"), ("a  b", "a  b"), ("a#b", "'a#b'"), ("yesterday", "yesterday"),
    ])
    func quoting(_ text: String, _ written: String) {
        #expect(yaml(["K": .string(text)]) == "K: \(written)\n")
        #expect(yaml([.string(text)]) == "- \(written)\n")
    }

    @Test func keysAreQuotedByTheSameRules() {
        #expect(yaml(["yes": 1, "a: b": 2, "": 3, "0123": 4, "ok": 5, "two\nlines": 6]) == """
            'yes': 1
            'a: b': 2
            '': 3
            '0123': 4
            ok: 5
            "two\\nlines": 6

            """)
    }

    /// YAML limits implicit keys to 1024 characters; longer ones are explicit keys (`? key` then `: value`).
    @Test func longKeysAreExplicit() {
        let long = String(repeating: "k", count: 1100)
        #expect(yaml(["Map": [long: "v", "short": [1]]]) == "Map:\n  ? \(long)\n  : v\n  short:\n    - 1\n")
        #expect(yaml([[long: "v"]]) == "- ? \(long)\n  : v\n")
    }

    /// Multi-line text is a literal block whose chomping keeps the trailing line breaks exactly; text a block
    /// cannot carry (a first line that starts with a space or a break, `\r`, tabs) is double-quoted.
    @Test func multiLineText() {
        #expect(yaml(["K": "a\nb"]) == "K: |-\n  a\n  b\n")
        #expect(yaml(["K": "a\nb\n"]) == "K: |\n  a\n  b\n")
        #expect(yaml(["K": "a\nb\n\n"]) == "K: |+\n  a\n  b\n\n")
        #expect(yaml(["K": "a\n\n  c\n   \nd"]) == "K: |-\n  a\n\n    c\n     \n  d\n")
        #expect(yaml(["S": ["# not a comment\n- not an item"]]) == "S:\n  - |-\n    # not a comment\n    - not an item\n")
        #expect(yaml(["K": " indented\nsecond"]) == #"K: " indented\nsecond""# + "\n")
        #expect(yaml(["K": "\nfirst"]) == #"K: "\nfirst""# + "\n")
        #expect(yaml(["K": "tab\tin\nblock"]) == #"K: "tab\tin\nblock""# + "\n")
    }

    /// Numbers read back as the same double: integers up to 2^53 as digits, others with YAML 1.1's float syntax
    /// (a dot in the mantissa, a signed exponent).
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (42, "42"), (-5, "-5"), (1.5, "1.5"), (123456789012, "123456789012"),
        (9_007_199_254_740_992, "9007199254740992"), (9_007_199_254_740_994, "9.007199254740994e+15"),
        (1.2345678901234568e20, "1.2345678901234568e+20"), (1e21, "1.0e+21"), (1.5e21, "1.5e+21"), (1e-7, "1.0e-7"),
        (2.5e-7, "2.5e-7"), (1e300, "1.0e+300"), (0.1, "0.1"),
    ])
    func numbers(_ value: Double, _ written: String) {
        #expect(yaml(["Number": .number(value)]) == "Number: \(written)\n")
    }

    @Test func shortForms() throws {
        let value = try JSON(parsing: #"""
            {"A": {"Ref": "Bucket"}, "B": {"Fn::GetAtt": ["Bucket", "Arn"]}, "C": {"Fn::GetAtt": ["DB", "Endpoint.Address"]},
             "D": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*"}, "E": {"Fn::Join": ["", ["a", {"Ref": "B"}]]},
             "F": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}, "G": {"Fn::If": ["IsProd", {"Ref": "P"}, {"Ref": "AWS::NoValue"}]},
             "H": {"Fn::Sub": ["${X}:sub", {"X": {"Ref": "Z"}}]}, "I": {"Fn::Sub": "#!/bin/bash\necho hi\n"},
             "J": {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/f.yaml"}}},
             "K": {"Fn::Join": [",", []]}, "L": {"Ref": "yes"}}
            """#)
        #expect(yaml(value) == """
            A: !Ref Bucket
            B: !GetAtt Bucket.Arn
            C: !GetAtt DB.Endpoint.Address
            D: !Sub arn:${AWS::Partition}:s3:::${Bucket}/*
            E: !Join
              - ''
              - - a
                - !Ref B
            F: !Select
              - 0
              - !GetAZs ''
            G: !If
              - IsProd
              - !Ref P
              - !Ref AWS::NoValue
            H: !Sub
              - ${X}:sub
              - X: !Ref Z
            I: !Sub |
              #!/bin/bash
              echo hi
            J: !Transform
              Name: AWS::Include
              Parameters:
                Location: s3://b/f.yaml
            K: !Join
              - ','
              - []
            L: !Ref 'yes'

            """)
    }

    /// A YAML node has one tag: `!Base64 !Sub …` is not valid, so the outer function keeps its full name
    /// (AWS's documentation: "use the full function name for at least one of the functions").
    @Test func aShortFormDirectlyInsideAnotherKeepsTheOuterFullName() throws {
        let value = try JSON(parsing: #"""
            {"UserData": {"Fn::Base64": {"Fn::Sub": "echo ${AWS::Region}"}}, "Vpc": {"Fn::ImportValue": {"Fn::Sub": "${Net}-VpcId"}},
             "Zones": {"Fn::GetAZs": {"Ref": "AWS::Region"}}, "Items": [{"Fn::Base64": {"Ref": "Data"}}]}
            """#)
        #expect(yaml(value) == """
            UserData:
              Fn::Base64: !Sub echo ${AWS::Region}
            Vpc:
              Fn::ImportValue: !Sub ${Net}-VpcId
            Zones:
              Fn::GetAZs: !Ref AWS::Region
            Items:
              - Fn::Base64: !Ref Data

            """)
    }

    /// `!GetAtt A.B` only for two literal strings with an alphanumeric logical ID (readers split at the first
    /// dot); an attribute given by `Ref`, a string argument or anything else keeps `Fn::GetAtt` as written.
    @Test func getAttShortFormOnlyWhenItReadsBackTheSame() throws {
        let value = try JSON(parsing: #"""
            {"A": {"Fn::GetAtt": ["Bucket", {"Ref": "Name"}]}, "B": {"Fn::GetAtt": "Bucket.Arn"}, "C": {"Fn::GetAtt": ["My-Bucket", "Arn"]},
             "D": {"Fn::GetAtt": ["A", "B", "C"]}}
            """#)
        #expect(yaml(value) == """
            A:
              Fn::GetAtt:
                - Bucket
                - !Ref Name
            B:
              Fn::GetAtt: Bucket.Arn
            C:
              Fn::GetAtt:
                - My-Bucket
                - Arn
            D:
              Fn::GetAtt:
                - A
                - B
                - C

            """)
    }

    /// `!Condition name` as an operand of `Fn::And`/`Fn::Or`/`Fn::Not`; elsewhere `{"Condition": …}` is a mapping.
    @Test func conditionShortFormOnlyAsAnOperand() throws {
        let value = try JSON(parsing: #"""
            {"IsBoth": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Not": [{"Condition": "IsTest"}]}]},
             "Property": {"Condition": "IsProd"}, "Odd": {"Fn::Or": [{"Condition": {"Ref": "X"}}]}}
            """#)
        #expect(yaml(value) == """
            IsBoth: !And
              - !Condition IsProd
              - !Not
                - !Condition IsTest
            Property:
              Condition: IsProd
            Odd: !Or
              - Condition: !Ref X

            """)
    }

    /// Unknown functions, objects with more members, and functions of a number, boolean or null (a tagged
    /// scalar reads back as a string) are mappings.
    @Test func otherObjectsAreMappings() throws {
        let value = try JSON(parsing: #"{"A": {"Fn::Unknown": ["a"]}, "B": {"Ref": "X", "Other": "Z"}, "C": {"Ref": {}}, "D": {"Ref": 5}, "E": {"Fn::Not": [true]}}"#)
        #expect(yaml(value) == """
            A:
              Fn::Unknown:
                - a
            B:
              Ref: X
              Other: Z
            C: !Ref {}
            D:
              Ref: 5
            E: !Not
              - true

            """)
    }
}
