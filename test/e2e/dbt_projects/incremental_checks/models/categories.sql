{{ config(contract={'enforced': true}) }}
select cast(category_id as {{ 'bigint' if var('break_contract', false) else 'int' }}) as category_id, name
from (values (1, 'a'), (2, 'b'), (3, 'c')) as t(category_id, name)
